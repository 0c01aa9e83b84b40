#!/usr/bin/env python3
"""RSA-OAEP encrypt (SHA-256, MGF1-SHA-256, no label) a file with an RSA public key or certificate.

usage: oaep_encrypt.py PUBKEY_OR_CERT_PATH PLAINTEXT_PATH|-
Output: {"ciphertext": "<base64>"}
"""
import sys

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from _common import b64, load_public_key, read_input, run, usage

OAEP = padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None)


def main():
    if len(sys.argv) != 3:
        usage("PUBKEY_OR_CERT_PATH PLAINTEXT_PATH|-")
    key = load_public_key(read_input(sys.argv[1]))
    if not isinstance(key, rsa.RSAPublicKey):
        raise ValueError(f"OAEP needs an RSA key, got {type(key).__name__}")
    return {"ciphertext": b64(key.encrypt(read_input(sys.argv[2]), OAEP))}


if __name__ == "__main__":
    run(main)
