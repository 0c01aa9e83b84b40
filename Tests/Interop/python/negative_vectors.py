#!/usr/bin/env python3
"""Generate a fresh key pair and a set of signature test cases (one valid, the rest must fail).

usage: negative_vectors.py rsa2048|p256|p384|p521
RSA uses PKCS#1 v1.5, EC uses ECDSA with DER (r, s) signatures; the hash is always SHA-256.
Every case is verified with the top-level "hash" against the key named by "public_key"
("main" = public_key_pem, "other" = other_public_key_pem); "expected_valid" is true only for "valid".
"""
import sys

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature

from _common import b64, run, usage

# Published group orders n (SEC 2 / FIPS 186-4); cross-checked with `openssl ecparam -param_enc explicit -text`.
ORDERS = {
    "p256": 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551,
    "p384": 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973,
    "p521": 0x01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFA51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AEBB6FB71E91386409,
}
CURVES = {"p256": ec.SECP256R1, "p384": ec.SECP384R1, "p521": ec.SECP521R1}


def generate(kind):
    if kind == "rsa2048":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return ec.generate_private_key(CURVES[kind]())


def flip_last_bit(data):
    return data[:-1] + bytes([data[-1] ^ 0x01])


def pem(key):
    return key.public_key().public_bytes(serialization.Encoding.PEM,
                                         serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in ("rsa2048", *CURVES):
        usage("rsa2048|p256|p384|p521")
    kind = sys.argv[1]
    key, other = generate(kind), generate(kind)
    is_ec = kind != "rsa2048"
    message = b"Keyward negative signature vectors: the quick brown fox jumps over the lazy dog"

    def sign(msg, h):
        return key.sign(msg, ec.ECDSA(h)) if is_ec else key.sign(msg, padding.PKCS1v15(), h)

    sig = sign(message, hashes.SHA256())
    flipped_msg = bytes([message[0] ^ 0x01]) + message[1:]
    cases = [
        ("valid", message, sig, "main"),
        ("wrong key", message, sig, "other"),
        ("flipped bit in signature", message, flip_last_bit(sig), "main"),
        ("flipped bit in message", flipped_msg, sig, "main"),
        ("wrong hash (signed with sha384, checked as sha256)", message, sign(message, hashes.SHA384()), "main"),
        ("truncated signature", message, sig[:-1], "main"),
        ("zero-length signature", message, b"", "main"),
    ]
    if is_ec:
        r, s = decode_dss_signature(sig)
        n = ORDERS[kind]
        cases += [
            ("r = 0", message, encode_dss_signature(0, s), "main"),
            ("s = 0", message, encode_dss_signature(r, 0), "main"),
            ("r = n", message, encode_dss_signature(n, s), "main"),
            ("s = n", message, encode_dss_signature(r, n), "main"),
            ("r > n (r + n)", message, encode_dss_signature(r + n, s), "main"),
            ("s > n (s + n)", message, encode_dss_signature(r, s + n), "main"),
        ]
    return {
        "public_key_pem": pem(key),
        "other_public_key_pem": pem(other),
        "message_b64": b64(message),
        "hash": "sha256",
        "scheme": "ecdsa" if is_ec else "pkcs1v15",
        "valid_signature_b64": b64(sig),
        "cases": [{"name": name, "message_b64": b64(m), "signature_b64": b64(sg), "public_key": which,
                   "expected_valid": name == "valid"} for name, m, sg, which in cases],
    }


if __name__ == "__main__":
    run(main)
