#!/usr/bin/env python3
"""Describe a PKCS#10 certificate signing request (PEM or DER) as one JSON object.

usage: csr_info.py PATH|-
"""
import sys

from cryptography import x509

from _common import describe_key, general_name, is_pem, read_input, run, usage


def main():
    if len(sys.argv) != 2:
        usage("PATH|-")
    data = read_input(sys.argv[1])
    csr = x509.load_pem_x509_csr(data) if is_pem(data) else x509.load_der_x509_csr(data)
    try:
        san = csr.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        names = [general_name(gn) for gn in san]
    except x509.ExtensionNotFound:
        names = []
    return {
        "subject": csr.subject.rfc4514_string(),
        "signature_valid": csr.is_signature_valid,
        "public_key": describe_key(csr.public_key()),
        "subjectAltName": names,
    }


if __name__ == "__main__":
    run(main)
