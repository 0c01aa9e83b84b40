#!/usr/bin/env python3
"""Make a compact JWS (RFC 7515) over given header and payload bytes with a private key.

usage: jws_sign.py PRIVATE_KEY_PATH RS256|RS384|RS512|ES256|ES384|ES512 HEADER_PATH PAYLOAD_PATH
HEADER_PATH and PAYLOAD_PATH hold the exact JSON bytes to encode (not re-serialized).
ES* signatures are r||s, each padded to the curve's field size (decode_dss_signature).
Output: {"token": "<header>.<payload>.<signature>"}
"""
import sys

from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from _common import load_private_key, read_input, run, usage
from _jose import algorithm, b64url_encode, coordinate_size


def main():
    if len(sys.argv) != 5:
        usage("PRIVATE_KEY_PATH RS256|RS384|RS512|ES256|ES384|ES512 HEADER_PATH PAYLOAD_PATH")
    key = load_private_key(read_input(sys.argv[1]))
    alg = sys.argv[2]
    family, hash_type, curve = algorithm(alg)
    signing_input = f"{b64url_encode(read_input(sys.argv[3]))}.{b64url_encode(read_input(sys.argv[4]))}"
    data = signing_input.encode("ascii")
    if family == "RSA":
        if not isinstance(key, rsa.RSAPrivateKey):
            raise ValueError(f"{alg} needs an RSA key")
        signature = key.sign(data, padding.PKCS1v15(), hash_type())
    else:
        if not isinstance(key, ec.EllipticCurvePrivateKey) or key.curve.name != curve:
            raise ValueError(f"{alg} needs a {curve} key")
        size = coordinate_size(key.curve)
        r, s = decode_dss_signature(key.sign(data, ec.ECDSA(hash_type())))
        signature = r.to_bytes(size, "big") + s.to_bytes(size, "big")
    return {"token": f"{signing_input}.{b64url_encode(signature)}"}


if __name__ == "__main__":
    run(main)
