#!/usr/bin/env python3
"""Describe an X.509 certificate (PEM or DER; first cert of a PEM bundle) as one JSON object.

usage: cert_info.py PATH|-
"""
import sys

from cryptography import x509
from cryptography.x509.oid import AuthorityInformationAccessOID

from _common import describe_key, general_name, is_pem, read_input, run, usage

ISO = "%Y-%m-%dT%H:%M:%SZ"
KU_FIELDS = ("digital_signature", "content_commitment", "key_encipherment", "data_encipherment",
             "key_agreement", "key_cert_sign", "crl_sign")


def key_usage(ku):
    out = {f: getattr(ku, f) for f in KU_FIELDS}
    out["encipher_only"] = ku.key_agreement and ku.encipher_only
    out["decipher_only"] = ku.key_agreement and ku.decipher_only
    return out


def extensions(cert):
    out = {}
    for ext in cert.extensions:
        v = ext.value
        if isinstance(v, x509.BasicConstraints):
            out["basicConstraints"] = {"critical": ext.critical, "ca": v.ca, "path_length": v.path_length}
        elif isinstance(v, x509.KeyUsage):
            out["keyUsage"] = {"critical": ext.critical, **key_usage(v)}
        elif isinstance(v, x509.ExtendedKeyUsage):
            out["extendedKeyUsage"] = [oid.dotted_string for oid in v]
        elif isinstance(v, x509.SubjectKeyIdentifier):
            out["subjectKeyIdentifier"] = v.digest.hex()
        elif isinstance(v, x509.AuthorityKeyIdentifier):
            out["authorityKeyIdentifier"] = v.key_identifier.hex() if v.key_identifier is not None else None
        elif isinstance(v, x509.SubjectAlternativeName):
            out["subjectAltName"] = [general_name(gn) for gn in v]
        elif isinstance(v, x509.CRLDistributionPoints):
            out["crlDistributionPoints"] = [gn.value for dp in v for gn in (dp.full_name or [])
                                            if isinstance(gn, x509.UniformResourceIdentifier)]
        elif isinstance(v, x509.AuthorityInformationAccess):
            for key, oid in (("ocsp", AuthorityInformationAccessOID.OCSP),
                             ("caIssuers", AuthorityInformationAccessOID.CA_ISSUERS)):
                uris = [ad.access_location.value for ad in v if ad.access_method == oid]
                if uris:
                    out[key] = uris
    return out


def main():
    if len(sys.argv) != 2:
        usage("PATH|-")
    data = read_input(sys.argv[1])
    cert = x509.load_pem_x509_certificate(data) if is_pem(data) else x509.load_der_x509_certificate(data)
    h = cert.signature_hash_algorithm
    return {
        "version": cert.version.value + 1,
        "serial": str(cert.serial_number),
        "subject": cert.subject.rfc4514_string(),
        "issuer": cert.issuer.rfc4514_string(),
        "not_before": cert.not_valid_before_utc.strftime(ISO),
        "not_after": cert.not_valid_after_utc.strftime(ISO),
        "signature_hash": h.name if h is not None else None,
        "signature_algorithm_oid": cert.signature_algorithm_oid.dotted_string,
        "public_key": describe_key(cert.public_key()),
        "extensions": extensions(cert),
    }


if __name__ == "__main__":
    run(main)
