#!/usr/bin/env python3
"""Verify a compact JWS (RFC 7515) with a public key, certificate or private key (PEM or DER).

usage: jws_verify.py PUBKEY_OR_CERT_PATH RS256|RS384|RS512|ES256|ES384|ES512 TOKEN_PATH|-
The header's "alg" must equal the given algorithm. ES* signatures are r||s, each the curve's
field size (RFC 7518 §3.4); they are converted to DER with encode_dss_signature.
Output: {"valid": true, "header": {...}, "payload_b64": "<base64 of the payload bytes>"}
Exit 1 with {"error"} when the signature does not verify or the token is malformed.
"""
import json
import sys

from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from _common import b64, load_public_key, read_input, run, usage
from _jose import algorithm, b64url_decode, coordinate_size


def main():
    if len(sys.argv) != 4:
        usage("PUBKEY_OR_CERT_PATH RS256|RS384|RS512|ES256|ES384|ES512 TOKEN_PATH|-")
    key = load_public_key(read_input(sys.argv[1]))
    alg = sys.argv[2]
    family, hash_type, curve = algorithm(alg)
    token = read_input(sys.argv[3]).decode("ascii").strip()
    parts = token.split(".")
    if len(parts) != 3:
        raise ValueError(f"token has {len(parts)} parts, not 3")
    header_bytes, payload, signature = (b64url_decode(p) for p in parts)
    header = json.loads(header_bytes)
    if header.get("alg") != alg:
        raise ValueError(f"header alg {header.get('alg')!r} is not {alg}")
    signing_input = f"{parts[0]}.{parts[1]}".encode("ascii")
    if family == "RSA":
        if not isinstance(key, rsa.RSAPublicKey):
            raise ValueError(f"{alg} needs an RSA key")
        key.verify(signature, signing_input, padding.PKCS1v15(), hash_type())
    else:
        if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != curve:
            raise ValueError(f"{alg} needs a {curve} key")
        size = coordinate_size(key.curve)
        if len(signature) != 2 * size:
            raise ValueError(f"{alg} signature is {len(signature)} bytes, not {2 * size}")
        r = int.from_bytes(signature[:size], "big")
        s = int.from_bytes(signature[size:], "big")
        key.verify(encode_dss_signature(r, s), signing_input, ec.ECDSA(hash_type()))
    return {"valid": True, "header": header, "payload_b64": b64(payload)}


if __name__ == "__main__":
    run(main)
