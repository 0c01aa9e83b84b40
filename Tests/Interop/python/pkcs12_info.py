#!/usr/bin/env python3
"""Describe a PKCS#12 file as one JSON object.

usage: pkcs12_info.py PATH|- PASSWORD     (PASSWORD '-' means no password / None; '' is the empty password)
"""
import sys

from cryptography.hazmat.primitives.serialization import pkcs12

from _common import describe_key, read_input, run, same_public_key, usage


def main():
    if len(sys.argv) != 3:
        usage("PATH|- PASSWORD|-")
    password = None if sys.argv[2] == "-" else sys.argv[2].encode("utf-8")
    p12 = pkcs12.load_pkcs12(read_input(sys.argv[1]), password)
    cert = p12.cert.certificate if p12.cert is not None else None
    return {
        "key": describe_key(p12.key) if p12.key is not None else None,
        "cert_subject": cert.subject.rfc4514_string() if cert is not None else None,
        "additional_subjects": [c.certificate.subject.rfc4514_string() for c in p12.additional_certs],
        "key_matches_cert": bool(p12.key is not None and cert is not None
                                 and same_public_key(p12.key.public_key(), cert.public_key())),
    }


if __name__ == "__main__":
    run(main)
