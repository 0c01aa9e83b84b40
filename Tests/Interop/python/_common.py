"""Shared helpers for the interop scripts: input loading, key loading/description, JSON output."""
import base64
import json
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa, x448, x25519

HASHES = {"sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha512": hashes.SHA512}


def read_input(path):
    """Bytes of PATH, or of stdin when PATH is '-'."""
    if path == "-":
        return sys.stdin.buffer.read()
    with open(path, "rb") as f:
        return f.read()


def is_pem(data):
    return b"-----BEGIN " in data


def emit(obj, code=0):
    """Print one JSON object and exit."""
    print(json.dumps(obj, ensure_ascii=False))
    sys.exit(code)


def run(main):
    """Call main() -> dict; print it, or {"error": ...} with exit status 1 on any failure."""
    try:
        result = main()
    except SystemExit:
        raise
    except Exception as e:  # noqa: BLE001 - any parse failure is reported as JSON
        emit({"error": f"{type(e).__name__}: {e}".strip()}, 1)
    emit(result)


def b64(data):
    return base64.b64encode(data).decode("ascii")


def hash_by_name(name):
    if name not in HASHES:
        raise ValueError(f"unsupported hash {name!r} (sha256|sha384|sha512)")
    return HASHES[name]()


def describe_key(key):
    """{"type": "RSA", "bits": n} | {"type": "EC", "curve": name} | {"type": "Ed25519"} ..."""
    if isinstance(key, (rsa.RSAPrivateKey, rsa.RSAPublicKey)):
        return {"type": "RSA", "bits": key.key_size}
    if isinstance(key, (ec.EllipticCurvePrivateKey, ec.EllipticCurvePublicKey)):
        return {"type": "EC", "curve": key.curve.name}
    if isinstance(key, (dsa.DSAPrivateKey, dsa.DSAPublicKey)):
        return {"type": "DSA", "bits": key.key_size}
    for name, types in (("Ed25519", (ed25519.Ed25519PrivateKey, ed25519.Ed25519PublicKey)),
                        ("Ed448", (ed448.Ed448PrivateKey, ed448.Ed448PublicKey)),
                        ("X25519", (x25519.X25519PrivateKey, x25519.X25519PublicKey)),
                        ("X448", (x448.X448PrivateKey, x448.X448PublicKey))):
        if isinstance(key, types):
            return {"type": name}
    return {"type": type(key).__name__}


def load_private_key(data, password=None):
    """PKCS#8 / PKCS#1 / SEC1 private key, PEM or DER, optionally encrypted."""
    if is_pem(data):
        return serialization.load_pem_private_key(data, password)
    return serialization.load_der_private_key(data, password)


def load_public_key(data):
    """Public key from an SPKI (or PKCS#1 RSAPublicKey), a certificate, or a private key; PEM or DER."""
    pem = is_pem(data)
    if pem and b"-----BEGIN CERTIFICATE-----" in data:
        return x509.load_pem_x509_certificate(data).public_key()
    if pem and b"PRIVATE KEY-----" in data:
        return serialization.load_pem_private_key(data, None).public_key()
    if pem:
        return serialization.load_pem_public_key(data)
    for loader in (serialization.load_der_public_key,
                   lambda d: x509.load_der_x509_certificate(d).public_key(),
                   lambda d: serialization.load_der_private_key(d, None).public_key()):
        try:
            return loader(data)
        except (ValueError, TypeError):
            continue
    raise ValueError("not a DER public key, certificate or private key")


def same_public_key(a, b):
    der = lambda k: k.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return der(a) == der(b)


def general_name(gn):
    """One SAN/GeneralName entry as {"type": ..., "value": ...}."""
    if isinstance(gn, x509.DNSName):
        return {"type": "DNS", "value": gn.value}
    if isinstance(gn, x509.IPAddress):
        return {"type": "IP", "value": str(gn.value)}
    if isinstance(gn, x509.RFC822Name):
        return {"type": "email", "value": gn.value}
    if isinstance(gn, x509.UniformResourceIdentifier):
        return {"type": "URI", "value": gn.value}
    if isinstance(gn, x509.DirectoryName):
        return {"type": "dirName", "value": gn.value.rfc4514_string()}
    if isinstance(gn, x509.RegisteredID):
        return {"type": "RID", "value": gn.value.dotted_string}
    if isinstance(gn, x509.OtherName):
        return {"type": "otherName", "value": f"{gn.type_id.dotted_string}:{gn.value.hex()}"}
    return {"type": type(gn).__name__, "value": str(gn.value)}


def usage(prog_args):
    print(json.dumps({"error": f"usage: {sys.argv[0]} {prog_args}"}))
    sys.exit(2)
