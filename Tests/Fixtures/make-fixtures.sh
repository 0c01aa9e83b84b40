#!/usr/bin/env bash
# Regenerates every fixture under Tests/Fixtures/ (see README.md for what each file is).
# Uses only the `openssl` CLI (OpenSSL 3.0) and the project's Python venv (`cryptography`).
# Idempotent: the generated folders are wiped and rebuilt on each run. Run from anywhere.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
PY="$(dirname "$0")/../../.venv/bin/python"
PY="$(cd "$(dirname "$PY")" && pwd)/$(basename "$PY")"
[ -x "$PY" ] || { echo "missing venv python: $PY" >&2; exit 1; }
command -v openssl >/dev/null || { echo "openssl not found" >&2; exit 1; }

cd "$HERE"
rm -rf pem der pkcs12 pkcs7 csr certs broken
mkdir -p pem der pkcs12 pkcs7 csr certs broken
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

PASS=secret
serial() { echo "0x$(openssl rand -hex 16)"; }

# ---------------------------------------------------------------- config
cat > "$TMP/openssl.cnf" <<'EOF'
[req]
distinguished_name = dn
[dn]
[v3_root]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[v3_intermediate]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[v3_leaf]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth,clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = DNS:leaf.example.com,DNS:www.example.com,IP:192.0.2.10,email:ops@example.com,URI:https://example.com/id
crlDistributionPoints = URI:http://crl.example.com/intermediate.crl
authorityInfoAccess = OCSP;URI:http://ocsp.example.com,caIssuers;URI:http://ca.example.com/intermediate.crt
[v3_leaf_p256]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyAgreement
extendedKeyUsage = serverAuth,clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = DNS:leaf-p256.example.com
crlDistributionPoints = URI:http://crl.example.com/intermediate.crl
authorityInfoAccess = OCSP;URI:http://ocsp.example.com
EOF
CNF="$TMP/openssl.cnf"

# ---------------------------------------------------------------- private keys
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out pem/rsa2048-pkcs8.pem
# NB: `openssl pkey -outform DER` writes the traditional (PKCS#1/SEC1) form in 3.0; use pkcs8 -topk8 -nocrypt.
openssl pkcs8 -topk8 -nocrypt -in pem/rsa2048-pkcs8.pem -outform DER -out der/rsa2048-pkcs8.der
openssl rsa -in pem/rsa2048-pkcs8.pem -traditional -out pem/rsa2048-pkcs1.pem 2>/dev/null
openssl rsa -in pem/rsa2048-pkcs8.pem -traditional -outform DER -out der/rsa2048-pkcs1.der 2>/dev/null

for c in 256 384 521 224; do
  openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-$c -pkeyopt ec_param_enc:named_curve -out pem/p$c-pkcs8.pem
  openssl pkcs8 -topk8 -nocrypt -in pem/p$c-pkcs8.pem -outform DER -out der/p$c-pkcs8.der
  openssl ec -in pem/p$c-pkcs8.pem -out pem/p$c-sec1.pem 2>/dev/null
  openssl ec -in pem/p$c-pkcs8.pem -outform DER -out der/p$c-sec1.der 2>/dev/null
done

# ---------------------------------------------------------------- encrypted private keys (passphrase "secret")
openssl pkcs8 -topk8 -in pem/rsa2048-pkcs8.pem -v2 aes-256-cbc -passout pass:$PASS -out pem/rsa2048-pkcs8-encrypted.pem
openssl pkcs8 -topk8 -in pem/rsa2048-pkcs8.pem -v2 aes-256-cbc -passout pass:$PASS -outform DER -out der/rsa2048-pkcs8-encrypted.der
openssl pkcs8 -topk8 -in pem/p256-pkcs8.pem -v2 aes-256-cbc -passout pass:$PASS -out pem/p256-pkcs8-encrypted.pem
openssl rsa -in pem/rsa2048-pkcs8.pem -aes256 -traditional -passout pass:$PASS -out pem/rsa2048-pkcs1-encrypted.pem 2>/dev/null
openssl ec -in pem/p256-pkcs8.pem -aes256 -passout pass:$PASS -out pem/p256-sec1-encrypted.pem 2>/dev/null

# ---------------------------------------------------------------- public keys (SPKI)
for k in rsa2048 p256 p384 p521 p224; do
  openssl pkey -in pem/$k-pkcs8.pem -pubout -out pem/$k-spki.pem
  openssl pkey -in pem/$k-pkcs8.pem -pubout -outform DER -out der/$k-spki.der
done
# RSA-7680 public key only (the JWK tests; generating one in a test takes 8-12 s). Private half discarded.
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:7680 | openssl pkey -pubout -out pem/rsa7680-spki.pem

# ---------------------------------------------------------------- unsupported keys
openssl genpkey -quiet -algorithm ED25519 -out pem/ed25519-pkcs8.pem
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out pem/rsa1024-pkcs8.pem
openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:secp256k1 -pkeyopt ec_param_enc:named_curve -out pem/secp256k1-pkcs8.pem

# ---------------------------------------------------------------- certificate chain (openssl)
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out certs/root-ca.key
openssl req -x509 -new -config "$CNF" -extensions v3_root -key certs/root-ca.key -sha256 -days 7300 \
  -set_serial "$(serial)" -subj "/C=US/O=Example Corp/CN=Example Root CA" -out certs/root-ca.pem

openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out certs/intermediate-ca.key
openssl req -new -config "$CNF" -key certs/intermediate-ca.key -subj "/C=US/O=Example Corp/CN=Example Intermediate CA" -out "$TMP/int.csr"
openssl x509 -req -in "$TMP/int.csr" -CA certs/root-ca.pem -CAkey certs/root-ca.key -set_serial "$(serial)" -sha256 -days 5475 \
  -extfile "$CNF" -extensions v3_intermediate -out certs/intermediate-ca.pem 2>/dev/null

openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out certs/leaf.key
openssl req -new -config "$CNF" -key certs/leaf.key \
  -subj "/C=US/ST=Oregon/L=Springfield/O=Example Corp/OU=Platform/CN=leaf.example.com" -out "$TMP/leaf.csr"
openssl x509 -req -in "$TMP/leaf.csr" -CA certs/intermediate-ca.pem -CAkey certs/intermediate-ca.key -set_serial "$(serial)" -sha256 -days 3650 \
  -extfile "$CNF" -extensions v3_leaf -out certs/leaf.pem 2>/dev/null

openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:named_curve -out certs/leaf-p256.key
openssl req -new -config "$CNF" -key certs/leaf-p256.key -subj "/C=US/O=Example Corp/CN=leaf-p256.example.com" -out "$TMP/leaf-p256.csr"
openssl x509 -req -in "$TMP/leaf-p256.csr" -CA certs/intermediate-ca.pem -CAkey certs/intermediate-ca.key -set_serial "$(serial)" -sha256 -days 3650 \
  -extfile "$CNF" -extensions v3_leaf_p256 -out certs/leaf-p256.pem 2>/dev/null

openssl x509 -in certs/root-ca.pem -outform DER -out certs/root-ca.der
openssl x509 -in certs/leaf.pem -outform DER -out certs/leaf.der
cat certs/leaf.pem certs/intermediate-ca.pem certs/root-ca.pem > certs/chain.pem
cat certs/intermediate-ca.pem certs/root-ca.pem > "$TMP/cas.pem"

# ---------------------------------------------------------------- certificates with quirks (cryptography)
"$PY" - <<'EOF'
import datetime as dt
from cryptography import x509
from cryptography.x509.oid import NameOID
from cryptography.hazmat.primitives import hashes, serialization

def load(p):
    return serialization.load_pem_private_key(open(p, "rb").read(), None)

def selfsigned(key, name, serial, nb, na, out):
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(serial)
            .not_valid_before(nb).not_valid_after(na)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    open(out, "wb").write(cert.public_bytes(serialization.Encoding.PEM))

utc = dt.timezone.utc
rsa, p256 = load("pem/rsa2048-pkcs8.pem"), load("pem/p256-pkcs8.pem")
cn = lambda s: x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, s)])
selfsigned(rsa, cn("expired.example.com"), x509.random_serial_number(),
           dt.datetime(2020, 1, 1, tzinfo=utc), dt.datetime(2021, 1, 1, tzinfo=utc), "certs/expired.pem")
selfsigned(rsa, cn("not-yet-valid.example.com"), x509.random_serial_number(),
           dt.datetime(2099, 1, 1, tzinfo=utc), dt.datetime(2100, 1, 1, tzinfo=utc), "certs/not-yet-valid.pem")
now = dt.datetime.now(utc).replace(microsecond=0)
serial20 = int.from_bytes(bytes([0x7F]) + bytes(range(0x81, 0x81 + 19)), "big")  # 20 content bytes, positive
selfsigned(p256, cn("serial20.example.com"), serial20, now, now + dt.timedelta(days=3650), "certs/serial-20-bytes.pem")
utf8 = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "DE"),
                  x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Ünïcode GmbH"),
                  x509.NameAttribute(NameOID.COMMON_NAME, 'Zoë, "Q" + <R>; #1')])
selfsigned(p256, utf8, x509.random_serial_number(), now, now + dt.timedelta(days=3650), "certs/utf8-special-subject.pem")
EOF

# ---------------------------------------------------------------- PKCS#12
openssl pkcs12 -export -inkey certs/leaf.key -in certs/leaf.pem -certfile "$TMP/cas.pem" -name leaf \
  -passout pass:$PASS -out pkcs12/rsa2048-chain-aes.p12
openssl pkcs12 -export -inkey certs/leaf.key -in certs/leaf.pem -certfile "$TMP/cas.pem" -name leaf \
  -passout pass: -out pkcs12/rsa2048-chain-empty-password.p12
openssl pkcs12 -export -inkey certs/leaf.key -in certs/leaf.pem -certfile "$TMP/cas.pem" -name leaf \
  -keypbe NONE -certpbe NONE -nomac -passout pass: -out pkcs12/rsa2048-chain-no-password.p12
openssl pkcs12 -export -legacy -inkey certs/leaf.key -in certs/leaf.pem -certfile "$TMP/cas.pem" -name leaf \
  -passout pass:$PASS -out pkcs12/rsa2048-chain-legacy.p12
openssl pkcs12 -export -inkey certs/leaf-p256.key -in certs/leaf-p256.pem -certfile "$TMP/cas.pem" -name leaf-p256 \
  -passout pass:$PASS -out pkcs12/p256-chain.p12
# Key bag (leaf.key) + cert bag (root CA) that do not match. Neither cryptography nor
# `openssl pkcs12 -export -inkey/-in` will pair a mismatched key and cert, so the cert
# goes in as an extra (CA) cert bag via -nocerts -certfile.
openssl pkcs12 -export -inkey certs/leaf.key -nocerts -certfile certs/root-ca.pem \
  -passout pass:$PASS -out pkcs12/rsa2048-mismatched-key.p12 2>"$TMP/err" || { cat "$TMP/err" >&2; exit 1; }
"$PY" - <<'EOF'
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
key = serialization.load_pem_private_key(open("certs/leaf.key", "rb").read(), None)
cert = x509.load_pem_x509_certificate(open("certs/leaf.pem", "rb").read())
cas = [x509.load_pem_x509_certificate(open(p, "rb").read()) for p in ("certs/intermediate-ca.pem", "certs/root-ca.pem")]
data = pkcs12.serialize_key_and_certificates(b"leaf", key, cert, cas, serialization.BestAvailableEncryption(b"secret"))
open("pkcs12/rsa2048-chain-cryptography.p12", "wb").write(data)
EOF

# ---------------------------------------------------------------- PKCS#7 (certs-only)
openssl crl2pkcs7 -nocrl -certfile certs/chain.pem -out pkcs7/chain-certs-only.pem
openssl crl2pkcs7 -nocrl -certfile certs/chain.pem -outform DER -out pkcs7/chain-certs-only.der
# crl2pkcs7 keeps input order in the certificates SET OF (often not DER-sorted); cryptography sorts it.
"$PY" - <<'EOF'
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, pkcs7
with open("certs/chain.pem", "rb") as f:
    certs = x509.load_pem_x509_certificates(f.read())
with open("pkcs7/chain-cryptography.der", "wb") as f:
    f.write(pkcs7.serialize_certificates(certs, Encoding.DER))
EOF

# ---------------------------------------------------------------- CSRs
openssl req -new -config "$CNF" -key pem/rsa2048-pkcs8.pem -sha256 \
  -subj "/C=US/ST=Oregon/L=Springfield/O=Example Corp/OU=Platform/CN=csr.example.com" \
  -addext "subjectAltName=DNS:csr.example.com,DNS:www.csr.example.com,IP:192.0.2.20,email:ops@example.com,URI:https://example.com/csr" \
  -out csr/rsa2048.pem
openssl req -in csr/rsa2048.pem -outform DER -out csr/rsa2048.der
openssl req -new -config "$CNF" -key pem/p256-pkcs8.pem -sha256 \
  -subj "/C=US/O=Example Corp/CN=csr-p256.example.com" -addext "subjectAltName=DNS:csr-p256.example.com" \
  -out csr/p256.pem
"$PY" -c 'import sys; d = bytearray(open(sys.argv[1], "rb").read()); d[-1] ^= 0x01; open(sys.argv[2], "wb").write(d)' \
  csr/rsa2048.der "$TMP/bad.der"
openssl req -inform DER -in "$TMP/bad.der" -outform PEM -out csr/rsa2048-bad-signature.pem

# ---------------------------------------------------------------- broken inputs
half() { head -c $(( $(wc -c < "$1") / 2 )) "$1" > "$2"; }
: > broken/empty.bin
half certs/leaf.der broken/leaf-truncated.der
half certs/leaf.pem broken/leaf-truncated.pem
half pkcs12/rsa2048-chain-aes.p12 broken/rsa2048-chain-truncated.p12
half pkcs7/chain-certs-only.der broken/chain-certs-only-truncated.der
half csr/rsa2048.der broken/rsa2048-csr-truncated.der
half der/rsa2048-pkcs8.der broken/rsa2048-pkcs8-truncated.der
n=$(wc -l < certs/leaf.pem)
awk -v m=$(( n / 2 )) 'NR == m { print "@@@@ this is *not* base64 !!! ####"; next } { print }' certs/leaf.pem > broken/leaf-garbage-base64.pem
"$PY" - <<'EOF'
from cryptography import x509
der = bytearray(open("certs/leaf.der", "rb").read())
tbs = x509.load_der_x509_certificate(bytes(der)).tbs_certificate_bytes
mid = bytes(der).index(tbs) + len(tbs) // 2
der[mid] ^= 0xFF
open("broken/leaf-flipped-byte.der", "wb").write(der)
EOF
openssl rand -out broken/random-4k.bin 4096
{ cat certs/leaf.der; printf '\xde\xad\xbe'; } > broken/leaf-trailing-bytes.der
{ echo "-----BEGIN CERTIFICATE-----"; head -c 1048577 /dev/zero | tr '\0' 'A'; echo; echo "-----END CERTIFICATE-----"; } > broken/oversized-1mib.pem

echo "fixtures regenerated in $HERE"
