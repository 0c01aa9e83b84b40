#!/usr/bin/env python3
"""Describe a key (PKCS#8, PKCS#1, SEC1 private key or SPKI / PKCS#1 public key; PEM or DER).

usage: key_info.py PATH|- [PASSWORD]     (PASSWORD only for encrypted private keys)
"""
import sys

from cryptography.hazmat.primitives import serialization

from _common import describe_key, is_pem, load_private_key, read_input, run, usage


def main():
    if len(sys.argv) not in (2, 3):
        usage("PATH|- [PASSWORD]")
    data = read_input(sys.argv[1])
    password = sys.argv[2].encode("utf-8") if len(sys.argv) == 3 else None
    if is_pem(data):
        private = b"PRIVATE KEY-----" in data
    else:  # DER: try private first, then public
        try:
            return {**describe_key(load_private_key(data, password)), "private": True}
        except TypeError:
            raise  # encrypted without password, or password given for unencrypted key
        except ValueError:
            private = False
    if private:
        key = load_private_key(data, password)
    else:
        key = (serialization.load_pem_public_key if is_pem(data) else serialization.load_der_public_key)(data)
    return {**describe_key(key), "private": private}


if __name__ == "__main__":
    run(main)
