#!/usr/bin/env python3
"""Check that a JWK (RFC 7517/7518) describes the given public key, member by member.

usage: jwk_check.py JWK_JSON_PATH PUBKEY_OR_CERT_PATH
RSA: "n" and "e" must be the key's numbers as minimal unsigned big-endian base64url.
EC: "crv" must name the key's curve, "x" and "y" its coordinates padded to the field size.
If "x5c" is present, its first certificate (standard base64 DER) must carry the same key, and
"x5t" (if present) must be the base64url SHA-1 of that DER. No member may be null.
Output: {"matches": true, "kty": ..., "checked": [member names]}
Exit 1 with {"error"} on any mismatch.
"""
import base64
import json
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from _common import load_public_key, read_input, run, same_public_key, usage
from _jose import CURVES, b64url_encode, coordinate_size


def expect(member, actual, wanted):
    if actual != wanted:
        raise ValueError(f"{member} is {actual!r}, expected {wanted!r}")


def main():
    if len(sys.argv) != 3:
        usage("JWK_JSON_PATH PUBKEY_OR_CERT_PATH")
    jwk = json.loads(read_input(sys.argv[1]))
    key = load_public_key(read_input(sys.argv[2]))
    nulls = [name for name, value in jwk.items() if value is None]
    if nulls:
        raise ValueError(f"null members: {nulls}")
    checked = []
    if isinstance(key, rsa.RSAPublicKey):
        numbers = key.public_numbers()
        expect("kty", jwk.get("kty"), "RSA")
        expect("n", jwk.get("n"), b64url_encode(numbers.n.to_bytes((numbers.n.bit_length() + 7) // 8, "big")))
        expect("e", jwk.get("e"), b64url_encode(numbers.e.to_bytes((numbers.e.bit_length() + 7) // 8, "big")))
        checked += ["kty", "n", "e"]
    elif isinstance(key, ec.EllipticCurvePublicKey):
        numbers = key.public_numbers()
        size = coordinate_size(key.curve)
        expect("kty", jwk.get("kty"), "EC")
        expect("crv", CURVES.get(jwk.get("crv")), key.curve.name)
        expect("x", jwk.get("x"), b64url_encode(numbers.x.to_bytes(size, "big")))
        expect("y", jwk.get("y"), b64url_encode(numbers.y.to_bytes(size, "big")))
        checked += ["kty", "crv", "x", "y"]
    else:
        raise ValueError(f"unsupported key type {type(key).__name__}")
    if "x5c" in jwk:
        leaf_der = base64.b64decode(jwk["x5c"][0], validate=True)
        leaf = x509.load_der_x509_certificate(leaf_der)
        if not same_public_key(leaf.public_key(), key):
            raise ValueError("x5c[0] does not carry the key")
        checked.append("x5c")
        if "x5t" in jwk:
            digest = hashes.Hash(hashes.SHA1())
            digest.update(leaf_der)
            expect("x5t", jwk["x5t"], b64url_encode(digest.finalize()))
            checked.append("x5t")
    return {"matches": True, "kty": jwk["kty"], "checked": checked}


if __name__ == "__main__":
    run(main)
