"""Shared JOSE helpers for the jws_*/jwk_* scripts: base64url and the RFC 7518 algorithm table."""
import base64

from cryptography.hazmat.primitives import hashes

# alg -> (family, hash, curve name or None)
ALGORITHMS = {
    "RS256": ("RSA", hashes.SHA256, None),
    "RS384": ("RSA", hashes.SHA384, None),
    "RS512": ("RSA", hashes.SHA512, None),
    "ES256": ("EC", hashes.SHA256, "secp256r1"),
    "ES384": ("EC", hashes.SHA384, "secp384r1"),
    "ES512": ("EC", hashes.SHA512, "secp521r1"),
}

# JWK crv -> cryptography curve name
CURVES = {"P-224": "secp224r1", "P-256": "secp256r1", "P-384": "secp384r1", "P-521": "secp521r1"}


def b64url_encode(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text):
    """Strict base64url without padding: only the URL-safe alphabet, canonical encoding."""
    if not isinstance(text, str) or "=" in text or len(text) % 4 == 1:
        raise ValueError(f"not unpadded base64url: {text!r}")
    allowed = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    if not set(text) <= allowed:
        raise ValueError(f"not unpadded base64url: {text!r}")
    data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    if b64url_encode(data) != text:
        raise ValueError(f"non-canonical base64url: {text!r}")
    return data


def coordinate_size(curve):
    return (curve.key_size + 7) // 8


def algorithm(name):
    if name not in ALGORITHMS:
        raise ValueError(f"unsupported alg {name!r} ({'|'.join(ALGORITHMS)})")
    return ALGORITHMS[name]
