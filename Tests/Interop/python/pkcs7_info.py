#!/usr/bin/env python3
"""List the certificate subjects of a certs-only PKCS#7 / CMS SignedData (PEM or DER), in file order.

usage: pkcs7_info.py PATH|-

cryptography warns (and falls back to BER) when the certificates SET OF is not in DER order, as
`openssl crl2pkcs7` often writes it; such warnings are returned in an optional "warnings" list.
"""
import sys
import warnings

from cryptography.hazmat.primitives.serialization import pkcs7

from _common import is_pem, read_input, run, usage


def main():
    if len(sys.argv) != 2:
        usage("PATH|-")
    data = read_input(sys.argv[1])
    load = pkcs7.load_pem_pkcs7_certificates if is_pem(data) else pkcs7.load_der_pkcs7_certificates
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = {"subjects": [c.subject.rfc4514_string() for c in load(data)]}
    if caught:
        out["warnings"] = [str(w.message) for w in caught]
    return out


if __name__ == "__main__":
    run(main)
