#!/usr/bin/env python3
"""Recompute a Keyward secret hash with hashlib and check it.

usage: pbkdf2.py ENCODED SECRET
ENCODED is "pbkdf2-sha256$<iterations>$<salt base64url>$<hash base64url>"; it is parsed here
independently, and hashlib.pbkdf2_hmac("sha256", SECRET as UTF-8, salt, iterations, 32) must
equal the hash.
Output: {"matches": true, "iterations": n, "salt_bytes": n}
Exit 1 with {"error"} when the encoding is malformed or the hash differs.
"""
import hashlib
import hmac
import sys

from _common import run, usage
from _jose import b64url_decode


def main():
    if len(sys.argv) != 3:
        usage("ENCODED SECRET")
    parts = sys.argv[1].split("$")
    if len(parts) != 4 or parts[0] != "pbkdf2-sha256":
        raise ValueError("not pbkdf2-sha256$<iterations>$<salt>$<hash>")
    iterations = int(parts[1])
    salt = b64url_decode(parts[2])
    expected = b64url_decode(parts[3])
    actual = hashlib.pbkdf2_hmac("sha256", sys.argv[2].encode("utf-8"), salt, iterations, 32)
    if not hmac.compare_digest(actual, expected):
        raise ValueError(f"hash mismatch: hashlib gives {actual.hex()}, encoding holds {expected.hex()}")
    return {"matches": True, "iterations": iterations, "salt_bytes": len(salt)}


if __name__ == "__main__":
    run(main)
