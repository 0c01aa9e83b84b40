#!/usr/bin/env python3
"""Sign a message file with a private key (PKCS#8/PKCS#1/SEC1, PEM or DER).

usage: sign.py PRIVATE_KEY_PATH pkcs1v15|pss|ecdsa sha256|sha384|sha512 MESSAGE_PATH|- [PASSWORD]
PSS uses MGF1 with the same hash and salt length = digest length. ECDSA signatures are DER (r, s).
Output: {"signature": "<base64>"}
"""
import sys

from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from _common import b64, hash_by_name, load_private_key, read_input, run, usage


def sign(key, scheme, h, message):
    if scheme == "ecdsa" and isinstance(key, ec.EllipticCurvePrivateKey):
        return key.sign(message, ec.ECDSA(h))
    if scheme == "pkcs1v15" and isinstance(key, rsa.RSAPrivateKey):
        return key.sign(message, padding.PKCS1v15(), h)
    if scheme == "pss" and isinstance(key, rsa.RSAPrivateKey):
        return key.sign(message, padding.PSS(mgf=padding.MGF1(h), salt_length=h.digest_size), h)
    raise ValueError(f"scheme {scheme!r} does not apply to {type(key).__name__}")


def main():
    if len(sys.argv) not in (5, 6):
        usage("PRIVATE_KEY_PATH pkcs1v15|pss|ecdsa sha256|sha384|sha512 MESSAGE_PATH|- [PASSWORD]")
    password = sys.argv[5].encode("utf-8") if len(sys.argv) == 6 else None
    key = load_private_key(read_input(sys.argv[1]), password)
    return {"signature": b64(sign(key, sys.argv[2], hash_by_name(sys.argv[3]), read_input(sys.argv[4])))}


if __name__ == "__main__":
    run(main)
