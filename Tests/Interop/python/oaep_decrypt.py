#!/usr/bin/env python3
"""RSA-OAEP decrypt (SHA-256, MGF1-SHA-256, no label) a raw ciphertext file with an RSA private key.

usage: oaep_decrypt.py PRIVATE_KEY_PATH CIPHERTEXT_PATH|- [PASSWORD]
CIPHERTEXT_PATH holds the raw ciphertext bytes (not base64).
Output: {"plaintext": "<base64>"}
"""
import sys

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from _common import b64, load_private_key, read_input, run, usage

OAEP = padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None)


def main():
    if len(sys.argv) not in (3, 4):
        usage("PRIVATE_KEY_PATH CIPHERTEXT_PATH|- [PASSWORD]")
    password = sys.argv[3].encode("utf-8") if len(sys.argv) == 4 else None
    key = load_private_key(read_input(sys.argv[1]), password)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError(f"OAEP needs an RSA key, got {type(key).__name__}")
    return {"plaintext": b64(key.decrypt(read_input(sys.argv[2]), OAEP))}


if __name__ == "__main__":
    run(main)
