#!/usr/bin/env python3
"""Verify a signature with a public key, certificate or private key (PEM or DER).

usage: verify_signature.py PUBKEY_OR_CERT_PATH pkcs1v15|pss|ecdsa sha256|sha384|sha512 MESSAGE_PATH SIGNATURE_PATH
PSS uses MGF1 with the same hash and salt length = digest length. ECDSA signatures are DER (r, s).
SIGNATURE_PATH holds the raw signature bytes. Either path may be '-' (stdin), not both.
Output: {"valid": true|false}  (exit 0 either way; exit 1 with {"error"} if the inputs cannot be used)
"""
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from _common import hash_by_name, load_public_key, read_input, run, usage


def verify(key, scheme, h, message, signature):
    if scheme == "ecdsa" and isinstance(key, ec.EllipticCurvePublicKey):
        key.verify(signature, message, ec.ECDSA(h))
    elif scheme == "pkcs1v15" and isinstance(key, rsa.RSAPublicKey):
        key.verify(signature, message, padding.PKCS1v15(), h)
    elif scheme == "pss" and isinstance(key, rsa.RSAPublicKey):
        key.verify(signature, message, padding.PSS(mgf=padding.MGF1(h), salt_length=h.digest_size), h)
    else:
        raise ValueError(f"scheme {scheme!r} does not apply to {type(key).__name__}")


def main():
    if len(sys.argv) != 6:
        usage("PUBKEY_OR_CERT_PATH pkcs1v15|pss|ecdsa sha256|sha384|sha512 MESSAGE_PATH SIGNATURE_PATH")
    key = load_public_key(read_input(sys.argv[1]))
    h = hash_by_name(sys.argv[3])
    try:
        verify(key, sys.argv[2], h, read_input(sys.argv[4]), read_input(sys.argv[5]))
    except InvalidSignature:
        return {"valid": False}
    return {"valid": True}


if __name__ == "__main__":
    run(main)
