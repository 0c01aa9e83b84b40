#!/usr/bin/env python3
"""Print the secret numbers of a private key as big-endian hex, to look for them in raw files.

usage: private_numbers.py PATH|-     (PKCS#8 / PKCS#1 / SEC1 private key, PEM or DER, unencrypted)

RSA: {"type": "RSA", "bits": n, "d": hex, "p": hex, "q": hex, "dmp1": hex, "dmq1": hex, "iqmp": hex},
each the minimal big-endian encoding. EC: {"type": "EC", "curve": name, "private_value": hex},
fixed length (the curve's byte size, left-padded with zeros), as SEC1 and PKCS#8 encode it.
"""
import sys

from cryptography.hazmat.primitives.asymmetric import ec, rsa

from _common import describe_key, load_private_key, read_input, run, usage


def minimal(number):
    return number.to_bytes((number.bit_length() + 7) // 8, "big").hex()


def main():
    if len(sys.argv) != 2:
        usage("PATH|-")
    key = load_private_key(read_input(sys.argv[1]))
    if isinstance(key, rsa.RSAPrivateKey):
        numbers = key.private_numbers()
        secrets = {name: minimal(getattr(numbers, name)) for name in ("d", "p", "q", "dmp1", "dmq1", "iqmp")}
        return {**describe_key(key), **secrets}
    if isinstance(key, ec.EllipticCurvePrivateKey):
        size = (key.curve.key_size + 7) // 8
        value = key.private_numbers().private_value.to_bytes(size, "big").hex()
        return {**describe_key(key), "private_value": value}
    raise ValueError(f"unsupported key type {type(key).__name__}")


if __name__ == "__main__":
    run(main)
