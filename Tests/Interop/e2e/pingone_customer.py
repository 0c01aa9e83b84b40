#!/usr/bin/env python3
"""What a PingOne customer does with Keyward, end to end, over HTTP.

Drives a running `keyward serve` the way a PingOne Certificate Management client does
(token, environment, keys, CSR, certificates, lists, statuses, deletes), asserts every step
and stops at the first failure with a message naming the step, the request and the response.
The wire contract is /work/shared/reference/pingone-certificate-management.md (§3, §5.2,
§5.3, §6); Keyward's own decisions are in docs/domain.md.

    pingone_customer.py --url http://127.0.0.1:PORT --init INIT.json

INIT.json is what `keyward init --json` printed (organizationId, environmentId, clientId,
clientSecret). Certificates from outside are made with the `openssl` CLI in a temporary
directory; the two that must lie outside their validity window (EXPIRED, NOT_YET_VALID) are
made with `cryptography`, as OpenSSL 3.0's `x509`/`req` cannot back-date (no -not_before).
`scripts/e2e` starts a server on a fresh data directory and runs this script.

Exit status: 0 when every step passed, 1 on the first failed assertion, 2 on bad arguments.
"""

import argparse
import base64
import datetime
import json
import os
import subprocess
import sys
import tempfile
import urllib.parse
import uuid

import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import NameOID

PEM_CERTIFICATE = "application/x-x509-ca-cert"
PKCS7 = "application/x-pkcs7-certificates"
PKCS10 = "application/pkcs10"
PEM_FILE = "application/x-pem-file"
JSON = "application/json"
EXPIRING_DAYS = 14  # PingOne: EXPIRING within two weeks of expiresAt (reference §1.6)


class Failure(Exception):
    """An assertion that did not hold; the message says what was expected and what came."""


class Customer:
    """One PingOne customer: an HTTP session, the last exchange (for failure messages), a temp dir."""

    def __init__(self, url, init, workdir):
        self.url = url.rstrip("/")
        self.init = init
        self.workdir = workdir
        self.http = requests.Session()
        self.token = None
        self.step = "start"
        self.last = None  # (method, url, status, content type, body excerpt) of the last call
        self.passed = 0

    # --- assertions and HTTP -------------------------------------------------------------

    def begin(self, step):
        self.step = step
        print(f"e2e: {step}", flush=True)

    def check(self, condition, message):
        if not condition:
            raise Failure(message)
        self.passed += 1

    def equal(self, actual, expected, what):
        self.check(actual == expected, f"{what}: expected {expected!r}, got {actual!r}")

    def call(self, method, path, expect, *, auth=True, accept=None, **kwargs):
        """Sends one request to the API (path under --url, or an absolute URL from a _links
        member) and checks the status. Returns the response."""
        url = path if path.startswith("http") else self.url + path
        headers = dict(kwargs.pop("headers", {}))
        if auth:
            headers["Authorization"] = f"Bearer {self.token}"
        if accept:
            headers["Accept"] = accept
        response = self.http.request(method, url, headers=headers, timeout=60, **kwargs)
        content_type = response.headers.get("Content-Type", "")
        excerpt = response.text[:600] if content_type.startswith(("application/json", "text/")) else (
            f"<{len(response.content)} bytes>"
        )
        self.last = (method, url, response.status_code, content_type, excerpt)
        self.check(
            response.status_code == expect,
            f"{method} {url} answered {response.status_code}, expected {expect}",
        )
        return response

    def json_of(self, response):
        """The JSON body, after checking PingOne's exact JSON media type (reference §6.1)."""
        content_type = response.headers.get("Content-Type", "")
        self.check(
            content_type.split(";")[0].strip() == JSON,
            f"Content-Type {content_type!r}, expected application/json",
        )
        return response.json()

    def error_of(self, response, code, target=None):
        """Checks a PingOne error body (reference §5.7): id, code, message, and a detail naming target."""
        body = self.json_of(response)
        self.equal(body.get("code"), code, "error code")
        self.check(isinstance(body.get("id"), str) and body["id"], f"error without an id: {body}")
        self.check(isinstance(body.get("message"), str) and body["message"], f"error without a message: {body}")
        if target is not None:
            targets = [detail.get("target") for detail in body.get("details") or []]
            self.check(target in targets, f"error details should name {target!r}, got {targets} in {body}")
        return body

    # --- files and openssl -----------------------------------------------------------------

    def path(self, name):
        return os.path.join(self.workdir, name)

    def write(self, name, data):
        mode = "wb" if isinstance(data, bytes) else "w"
        with open(self.path(name), mode) as file:
            file.write(data)
        return self.path(name)

    def read(self, name):
        with open(self.path(name), "rb") as file:
            return file.read()

    def openssl(self, *arguments):
        """Runs the openssl CLI in the temp dir; a non-zero exit is a failure of the step."""
        result = subprocess.run(
            ["openssl", *arguments], cwd=self.workdir, capture_output=True, text=True, check=False
        )
        self.check(
            result.returncode == 0,
            f"openssl {' '.join(arguments)} exited {result.returncode}: {result.stderr.strip() or result.stdout.strip()}",
        )
        return result.stdout

    # --- the customer's steps ----------------------------------------------------------------

    def tokens(self):
        self.begin("token: client_secret_basic")
        env = self.init["environmentId"]
        form = {"grant_type": "client_credentials"}
        response = self.call(
            "POST", f"/{env}/as/token", 200, auth=False, data=form,
            headers={"Authorization": basic(self.init["clientId"], self.init["clientSecret"])},
        )
        body = self.json_of(response)
        self.equal(body.get("token_type"), "Bearer", "token_type")
        self.check(isinstance(body.get("expires_in"), int) and body["expires_in"] > 0, f"expires_in: {body}")
        self.check(body.get("access_token", "").count(".") == 2, "access_token is not a compact JWS")
        basic_token = body["access_token"]

        self.begin("token: client_secret_post")
        form = dict(form, client_id=self.init["clientId"], client_secret=self.init["clientSecret"])
        body = self.json_of(self.call("POST", f"/{env}/as/token", 200, auth=False, data=form))
        self.equal(body.get("token_type"), "Bearer", "token_type")
        self.token = body["access_token"]

        self.begin("token: a wrong secret is refused")
        form["client_secret"] = "not-the-secret"
        response = self.call("POST", f"/{env}/as/token", 401, auth=False, data=form)
        self.equal(self.json_of(response).get("error"), "invalid_client", "OAuth error")

        self.begin("JWKS: the token verifies with the environment's published key")
        jwks = self.json_of(self.call("GET", f"/{env}/as/jwks", 200, auth=False))
        for token in (basic_token, self.token):
            self.verify_jwt(token, jwks)

        self.begin("management API: no token is 401 ACCESS_FAILED")
        response = self.call("GET", "/v1/environments", 401, auth=False)
        self.error_of(response, "ACCESS_FAILED")

    def verify_jwt(self, token, jwks):
        header_b64, payload_b64, signature_b64 = token.split(".")
        header = json.loads(b64url(header_b64))
        payload = json.loads(b64url(payload_b64))
        matching = [key for key in jwks.get("keys", []) if key.get("kid") == header.get("kid")]
        self.check(len(matching) == 1, f"JWKS holds {len(matching)} keys with kid {header.get('kid')!r}")
        jwk = matching[0]
        signed = f"{header_b64}.{payload_b64}".encode()
        signature = b64url(signature_b64)
        alg = header.get("alg")
        digest = {"256": hashes.SHA256(), "384": hashes.SHA384(), "512": hashes.SHA512()}[alg[2:]]
        try:
            if alg.startswith("RS"):
                public = rsa.RSAPublicNumbers(b64int(jwk["e"]), b64int(jwk["n"])).public_key()
                public.verify(signature, signed, padding.PKCS1v15(), digest)
            elif alg.startswith("ES"):
                curve = {"P-256": ec.SECP256R1(), "P-384": ec.SECP384R1(), "P-521": ec.SECP521R1()}[jwk["crv"]]
                public = ec.EllipticCurvePublicNumbers(b64int(jwk["x"]), b64int(jwk["y"]), curve).public_key()
                half = len(signature) // 2
                from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

                der = encode_dss_signature(int.from_bytes(signature[:half], "big"), int.from_bytes(signature[half:], "big"))
                public.verify(der, signed, ec.ECDSA(digest))
            else:
                raise Failure(f"unexpected JWS alg {alg!r}")
        except Exception as error:  # InvalidSignature has no message of its own
            raise Failure(f"token signature does not verify with the JWKS key {jwk.get('kid')}: {error!r}")
        self.check(payload.get("exp", 0) > payload.get("iat", 0), f"token exp/iat: {payload}")

    def create_environment(self):
        self.begin("environment: create with PingOne's body (license, region, type)")
        license_id = str(uuid.uuid4())
        name = f"e2e-{uuid.uuid4().hex[:8]}"
        body = {
            "name": name,
            "description": "PingOne customer end-to-end run",
            "type": "SANDBOX",
            "region": "NA",
            "license": {"id": license_id},
            "billOfMaterials": {"products": [{"type": "PING_ONE_BASE", "description": "Base"}]},
        }
        response = self.call("POST", "/v1/environments", 201, json=body)
        environment = self.json_of(response)
        self.equal(environment.get("name"), name, "environment name")
        self.equal(environment.get("type"), "SANDBOX", "environment type")
        self.equal(environment.get("region"), "NA", "environment region")
        self.equal((environment.get("license") or {}).get("id"), license_id, "license.id")
        self.equal((environment.get("organization") or {}).get("id"), self.init["organizationId"], "organization.id")
        self.equal(environment.get("status"), "ACTIVE", "environment status")
        self.check(is_uuid(environment.get("id")), f"environment id {environment.get('id')!r} is not a UUID")
        self_href = environment.get("_links", {}).get("self", {}).get("href", "")
        self.check(self_href.endswith(f"/v1/environments/{environment['id']}"), f"_links.self {self_href!r}")
        self.equal(response.headers.get("Location"), self_href, "Location header")
        self.env = environment["id"]
        self.keys_path = f"/v1/environments/{self.env}/keys"
        self.certificates_path = f"/v1/environments/{self.env}/certificates"

        got = self.json_of(self.call("GET", f"/v1/environments/{self.env}", 200))
        self.equal(got.get("id"), self.env, "GET environment id")

    def default_key(self):
        self.begin("keys: the new environment's default key (RSA 2048, SIGNING, default: true)")
        listing = self.json_of(self.call("GET", self.keys_path, 200))
        keys = listing.get("_embedded", {}).get("keys")
        self.check(isinstance(keys, list), f"no _embedded.keys in {listing}")
        defaults = [key for key in keys if key.get("default") is True]
        self.equal(len(defaults), 1, "number of default keys in a new environment")
        key = defaults[0]
        self.equal(key.get("algorithm"), "RSA", "default key algorithm")
        self.equal(key.get("keyLength"), 2048, "default key keyLength")
        self.equal(key.get("usageType"), "SIGNING", "default key usageType")
        self.equal(key.get("signatureAlgorithm"), "SHA256withRSA", "default key signatureAlgorithm")
        self.equal(key.get("status"), "VALID", "default key status")
        self.equal(key.get("environment", {}).get("id"), self.env, "default key environment.id")
        self.equal(key.get("organization", {}).get("id"), self.init["organizationId"], "default key organization.id")
        self.check(key.get("issuerDN") and key["issuerDN"] != key.get("subjectDN"),
                   f"the default key should be signed by the organization CA: issuerDN {key.get('issuerDN')!r}")
        self.check(isinstance(key.get("serialNumber"), int), f"serialNumber is not a bare number: {key.get('serialNumber')!r}")
        self.default = key
        self.org_ca_dn = key["issuerDN"]

        # The trust chain: where the root can be found (organization CA first, root last).
        chain = key.get("trustChain") or []
        self.check(len(chain) >= 1, f"the default key lists no trustChain: {key}")
        certificates = [x509.load_pem_x509_certificate(pem.encode()) for pem in chain]
        root = certificates[-1]
        self.check(root.issuer == root.subject, f"the trustChain's last certificate is not self-signed: {root.subject}")
        self.check(same_dn(certificates[0].subject, self.org_ca_dn),
                   f"trustChain[0] {certificates[0].subject.rfc4514_string()} is not the issuer {self.org_ca_dn}")
        self.write("root.pem", root.public_bytes(serialization.Encoding.PEM))
        self.write("org-ca.pem", certificates[0].public_bytes(serialization.Encoding.PEM))

    def create_keys(self):
        body = {
            "name": "e2e RSA signing key",
            "subjectDN": "CN=e2e RSA signing key, OU=Platform, O=Example Corp, L=, ST=, C=US",
            "algorithm": "RSA",
            "keyLength": 2048,
            "signatureAlgorithm": "SHA256withRSA",
            "validityPeriod": 365,
            "usageType": "SIGNING",
            "issuerDN": self.org_ca_dn,
        }
        self.begin("keys: create an RSA-2048 SIGNING key signed by the organization CA")
        self.rsa_key = self.create_key(body)
        self.equal(self.rsa_key.get("issuerDN"), self.org_ca_dn, "issuerDN of a CA-signed key")

        self.begin("keys: create an EC P-256 SIGNING key signed by the organization CA")
        body = dict(body, name="e2e EC signing key", algorithm="EC", keyLength=256,
                    signatureAlgorithm="SHA256withECDSA",
                    subjectDN="CN=e2e EC signing key, OU=Platform, O=Example Corp, L=, ST=, C=US")
        # Keyward records the algorithm the certificate really carries: the RSA organization CA
        # signs with SHA256withRSA, whatever the EC key itself would use (docs/domain.md,
        # KeyService). export_and_verify() checks the certificate says the same.
        self.ec_key = self.create_key(body, signature_algorithm="SHA256withRSA")
        self.equal(self.ec_key.get("issuerDN"), self.org_ca_dn, "issuerDN of a CA-signed EC key")

        self.begin("keys: create a self-signed RSA-2048 SIGNING key (no issuerDN)")
        body = dict(body, name="e2e self-signed key", algorithm="RSA", keyLength=2048,
                    signatureAlgorithm="SHA256withRSA",
                    subjectDN="CN=e2e self-signed key, OU=Platform, O=Example Corp, L=, ST=, C=US")
        del body["issuerDN"]
        self.self_signed = self.create_key(body)
        self.equal(self.self_signed.get("issuerDN"), self.self_signed.get("subjectDN"), "issuerDN of a self-signed key")

    def create_key(self, body, signature_algorithm=None):
        response = self.call("POST", self.keys_path, 201, json=body)
        key = self.json_of(response)
        for member in ("name", "subjectDN", "algorithm", "keyLength", "validityPeriod", "usageType"):
            self.equal(key.get(member), body[member], f"created key {member}")
        self.equal(key.get("signatureAlgorithm"), signature_algorithm or body["signatureAlgorithm"],
                   "created key signatureAlgorithm")
        self.equal(key.get("default"), False, "created key default")
        self.check(is_uuid(key.get("id")), f"key id {key.get('id')!r} is not a UUID")
        self.check(isinstance(key.get("serialNumber"), int), f"serialNumber is not a bare number: {key.get('serialNumber')!r}")
        self_href = key.get("_links", {}).get("self", {}).get("href", "")
        self.check(self_href.endswith(f"{self.keys_path}/{key['id']}"), f"_links.self {self_href!r}")
        self.equal(response.headers.get("Location"), self_href, "Location header")
        got = self.json_of(self.call("GET", f"{self.keys_path}/{key['id']}", 200))
        self.equal(got.get("serialNumber"), key["serialNumber"], "serialNumber read back")
        return key

    def export_and_verify(self):
        for label, key in (("RSA", self.rsa_key), ("EC", self.ec_key)):
            self.begin(f"export: the {label} key's certificate as PEM and its chain as PKCS#7; openssl verify")
            leaf = self.export_pem(f"{self.keys_path}/{key['id']}", f"{label}-leaf.pem")
            self.equal(leaf.serial_number, key["serialNumber"], "exported certificate serial")
            self.check(same_dn(leaf.subject, key["subjectDN"]), f"exported subject {leaf.subject.rfc4514_string()}")
            self.check(same_dn(leaf.issuer, self.org_ca_dn), f"exported issuer {leaf.issuer.rfc4514_string()}")
            self.equal(java_signature_name(leaf), key["signatureAlgorithm"], "the certificate's signature algorithm")
            chain = self.export_pkcs7(f"{self.keys_path}/{key['id']}", f"{label}-chain.p7b")
            self.equal(chain[0].serial_number, key["serialNumber"], "first certificate of the PKCS#7 chain")
            self.check(len(chain) >= 2, f"the PKCS#7 export holds {len(chain)} certificate(s), expected leaf + chain")
            # The root: the last certificate of the PKCS#7 chain when it is self-signed, else the
            # default key's trustChain (read in default_key()).
            last = chain[-1]
            root_name = "root.pem"
            if last.issuer == last.subject:
                root_name = f"{label}-root-from-p7b.pem"
                self.write(root_name, last.public_bytes(serialization.Encoding.PEM))
                self.equal(self.read(root_name), self.read("root.pem"), "root in the PKCS#7 chain vs the default key's trustChain")
                print(f"e2e:   root: the PKCS#7 chain's last certificate ({len(chain)} in all), "
                      "the same as the default key's trustChain[-1]", flush=True)
            else:
                print("e2e:   root: not in the PKCS#7 chain; taken from the default key's trustChain", flush=True)
            intermediates = b"".join(c.public_bytes(serialization.Encoding.PEM) for c in chain[1:] if c.issuer != c.subject)
            self.write(f"{label}-untrusted.pem", intermediates)
            out = self.openssl("verify", "-CAfile", root_name, "-untrusted", f"{label}-untrusted.pem", f"{label}-leaf.pem")
            self.check(out.strip().endswith("OK"), f"openssl verify: {out!r}")
            self.openssl("pkcs7", "-inform", "DER", "-in", f"{label}-chain.p7b", "-print_certs", "-noout")

        self.begin("export: the self-signed key's certificate verifies against itself")
        leaf = self.export_pem(f"{self.keys_path}/{self.self_signed['id']}", "self-signed.pem")
        self.equal(leaf.issuer, leaf.subject, "self-signed certificate issuer")
        leaf.verify_directly_issued_by(leaf)
        out = self.openssl("verify", "-CAfile", "self-signed.pem", "self-signed.pem")
        self.check(out.strip().endswith("OK"), f"openssl verify: {out!r}")

    def export_pem(self, path, name):
        response = self.call("GET", path, 200, accept=PEM_CERTIFICATE)
        self.equal(response.headers.get("Content-Type"), PEM_CERTIFICATE, "exported certificate Content-Type (exact)")
        self.check(response.content.startswith(b"-----BEGIN CERTIFICATE-----"), "PEM export does not start with BEGIN CERTIFICATE")
        self.check(response.content.endswith(b"\n"), "PEM export does not end with a newline")
        self.write(name, response.content)
        return x509.load_pem_x509_certificate(response.content)

    def export_pkcs7(self, path, name):
        response = self.call("GET", path, 200, accept=PKCS7)
        self.equal(response.headers.get("Content-Type"), PKCS7, "exported chain Content-Type (exact)")
        self.write(name, response.content)
        try:
            return pkcs7.load_der_pkcs7_certificates(response.content)
        except ValueError as error:
            raise Failure(f"the PKCS#7 export is not DER PKCS#7: {error}")

    def import_pkcs12(self):
        self.begin("keys: import a PKCS#12 file made by openssl pkcs12 -export (multipart, password)")
        self.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "p12.key", "-out", "p12.pem",
                     "-days", "90", "-subj", "/CN=e2e imported/O=Example Corp/C=CA")
        self.openssl("pkcs12", "-export", "-inkey", "p12.key", "-in", "p12.pem", "-out", "import.p12",
                     "-passout", "pass:e2e-secret", "-name", "e2e imported")
        certificate = x509.load_pem_x509_certificate(self.read("p12.pem"))
        files = {"file": ("import.p12", self.read("import.p12"), "application/x-pkcs12")}
        response = self.call("POST", self.keys_path, 201, files=files,
                             data={"usageType": "SIGNING", "password": "e2e-secret"})
        key = self.json_of(response)
        self.equal(key.get("serialNumber"), certificate.serial_number, "imported key serialNumber")
        self.check(same_dn(certificate.subject, key.get("subjectDN", "")), f"imported subjectDN {key.get('subjectDN')!r}")
        self.equal(key.get("algorithm"), "RSA", "imported key algorithm")
        self.equal(key.get("keyLength"), 2048, "imported key keyLength")
        self.equal(key.get("usageType"), "SIGNING", "imported key usageType")
        self.equal(key.get("status"), "VALID", "imported key status")
        self.imported = key
        exported = self.export_pem(f"{self.keys_path}/{key['id']}", "p12-export.pem")
        self.equal(exported, certificate, "certificate exported from the imported key")

        self.begin("keys: a PKCS#12 import with the wrong password is 400 INVALID_DATA (password)")
        response = self.call("POST", self.keys_path, 400, files=files,
                             data={"usageType": "SIGNING", "password": "wrong"})
        self.error_of(response, "INVALID_DATA", target="password")

    def csr_round_trip(self):
        key = self.self_signed
        csr_path = f"{self.keys_path}/{key['id']}/csr"
        self.begin("CSR: export as application/pkcs10 (DER) and application/x-pem-file")
        response = self.call("GET", csr_path, 200, accept=PKCS10)
        self.equal(response.headers.get("Content-Type"), PKCS10, "CSR Content-Type (exact)")
        der = x509.load_der_x509_csr(response.content)
        response = self.call("GET", csr_path, 200, accept=PEM_FILE)
        self.equal(response.headers.get("Content-Type"), PEM_FILE, "CSR Content-Type (exact)")
        self.check(response.content.startswith(b"-----BEGIN CERTIFICATE REQUEST-----"), "PEM CSR header")
        pem = x509.load_pem_x509_csr(response.content)
        self.equal(pem.public_bytes(serialization.Encoding.DER), der.public_bytes(serialization.Encoding.DER),
                   "DER and PEM CSR")
        self.check(pem.is_signature_valid, "the CSR's signature does not verify")
        self.check(same_dn(pem.subject, key["subjectDN"]), f"CSR subject {pem.subject.rfc4514_string()}")
        own = x509.load_pem_x509_certificate(self.read("self-signed.pem"))
        self.equal(spki(pem.public_key()), spki(own.public_key()), "CSR public key vs the key's certificate")
        self.write("request.pem", response.content)
        self.openssl("req", "-in", "request.pem", "-verify", "-noout")

        self.begin("CSR: an outside CA (openssl) signs it; import the answer with POST")
        self.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "outside-ca.key",
                     "-out", "outside-ca.pem", "-days", "365", "-subj", "/CN=e2e Outside CA/O=Example Root CA/C=US",
                     "-addext", "basicConstraints=critical,CA:TRUE",
                     "-addext", "keyUsage=critical,keyCertSign,cRLSign")
        self.write("leaf.ext", "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n")
        outside_ca = x509.load_pem_x509_certificate(self.read("outside-ca.pem"))
        before = key
        for method, serial in (("POST", "0x0e2e0001"), ("PUT", "0x0e2e0002")):
            if method == "PUT":
                self.begin("CSR: import a second answer with PUT (PingOne's documented method)")
            answer_name = f"answer-{method}.pem"
            self.openssl("x509", "-req", "-in", "request.pem", "-CA", "outside-ca.pem", "-CAkey", "outside-ca.key",
                         "-set_serial", serial, "-days", "200", "-sha256", "-extfile", "leaf.ext", "-out", answer_name)
            answer = x509.load_pem_x509_certificate(self.read(answer_name))
            files = {"file": (answer_name, self.read(answer_name), "application/x-pem-file")}
            after = self.json_of(self.call(method, csr_path, 200, files=files))
            self.equal(after.get("id"), key["id"], "key id after the CA answer")
            self.check(same_dn(outside_ca.subject, after.get("issuerDN", "")),
                       f"issuerDN after the CA answer: {after.get('issuerDN')!r}, expected the outside CA")
            self.check(after.get("issuerDN") != before.get("issuerDN") or method == "PUT", "issuerDN did not change")
            self.equal(after.get("serialNumber"), answer.serial_number, "serialNumber after the CA answer")
            self.check(after.get("serialNumber") != before.get("serialNumber"), "serialNumber did not change")
            self.equal(after.get("subjectDN"), key["subjectDN"], "subjectDN after the CA answer")
            exported = self.export_pem(f"{self.keys_path}/{key['id']}", f"answer-{method}-export.pem")
            self.equal(exported, answer, "certificate exported after the CA answer")
            out = self.openssl("verify", "-CAfile", "outside-ca.pem", f"answer-{method}-export.pem")
            self.check(out.strip().endswith("OK"), f"openssl verify: {out!r}")
            before = after

        self.begin("CSR: an answer for another key's public key is refused with 400 (file)")
        files = {"file": ("p12.pem", self.read("p12.pem"), "application/x-pem-file")}
        self.error_of(self.call("POST", csr_path, 400, files=files), "INVALID_DATA", target="file")

    def upload_certificates(self):
        self.begin("certificates: upload a PEM certificate (multipart) -> 202")
        self.openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                     "-keyout", "upload.key", "-out", "upload.pem", "-days", "365",
                     "-subj", "/CN=e2e partner IdP/O=Partner Corp/C=GB")
        self.uploaded = self.upload("upload.pem", 202)
        self.equal(self.uploaded.get("status"), "VALID", "uploaded certificate status")
        self.equal(self.uploaded.get("algorithm"), "EC", "uploaded certificate algorithm")
        self.equal(self.uploaded.get("keyLength"), 256, "uploaded certificate keyLength")
        got = self.json_of(self.call("GET", f"{self.certificates_path}/{self.uploaded['id']}", 200))
        self.equal(got.get("serialNumber"), self.uploaded["serialNumber"], "certificate read back")
        exported = self.export_pem(f"{self.certificates_path}/{self.uploaded['id']}", "upload-export.pem")
        self.equal(exported, x509.load_pem_x509_certificate(self.read("upload.pem")), "certificate exported")

    def upload(self, name, expect):
        files = {"file": (name, self.read(name), "application/x-x509-ca-cert")}
        response = self.call("POST", self.certificates_path, expect, files=files, data={"usageType": "SIGNING"})
        if expect != 202:
            return response
        certificate = self.json_of(response)
        serial = x509.load_pem_x509_certificate(self.read(name)).serial_number
        self.equal(certificate.get("serialNumber"), serial, "uploaded certificate serialNumber")
        self.equal(certificate.get("usageType"), "SIGNING", "uploaded certificate usageType")
        self_href = certificate.get("_links", {}).get("self", {}).get("href", "")
        self.check(self_href.endswith(f"{self.certificates_path}/{certificate['id']}"), f"_links.self {self_href!r}")
        return certificate

    def statuses(self):
        self.begin("status: EXPIRING for an uploaded certificate that ends in 7 days (openssl -days 7)")
        self.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "soon.key", "-out", "soon.pem",
                     "-days", "7", "-subj", "/CN=e2e expiring soon/O=Partner Corp/C=GB")
        self.expiring_certificate = self.upload("soon.pem", 202)
        self.equal(self.expiring_certificate.get("status"), "EXPIRING", "status of a certificate ending in 7 days")

        self.begin("status: EXPIRING for a key created with validityPeriod 7")
        body = {
            "name": "e2e short-lived key",
            "subjectDN": "CN=e2e short-lived key, OU=Platform, O=Example Corp, L=, ST=, C=US",
            "algorithm": "EC", "keyLength": 256, "signatureAlgorithm": "SHA256withECDSA",
            "validityPeriod": 7, "usageType": "SIGNING",
        }
        self.expiring_key = self.create_key(body)
        self.equal(self.expiring_key.get("status"), "EXPIRING", "status of a key valid for 7 days")
        listing = self.json_of(self.call("GET", self.keys_path, 200, params={"filter": 'status eq "EXPIRING"'}))
        ids = [key["id"] for key in listing.get("_embedded", {}).get("keys", [])]
        self.equal(ids, [self.expiring_key["id"]], 'keys listed by filter=status eq "EXPIRING"')

        now = datetime.datetime.now(datetime.timezone.utc)
        for status, not_before, not_after, words in (
            ("EXPIRED", now - datetime.timedelta(days=30), now - datetime.timedelta(days=1), "expired"),
            ("NOT_YET_VALID", now + datetime.timedelta(days=1), now + datetime.timedelta(days=30), "not valid yet"),
        ):
            self.begin(f"status: a certificate that would be {status} is refused on upload: 400 INVALID_DATA (file)")
            name = f"{status.lower()}.pem"
            self.write(name, self_signed_pem(f"e2e {status}", not_before, not_after))
            body = self.error_of(self.upload(name, 400), "INVALID_DATA", target="file")
            messages = " ".join(d.get("message", "") for d in body.get("details", [])) + body.get("message", "")
            self.check(words in messages, f"the refusal should say {words!r}: {body}")

        print("e2e: status: REVOKED cannot be produced through the API (no revoke endpoint); not checked", flush=True)

    def lists(self):
        self.begin('keys: list with filter=status eq "VALID"')
        everything = self.json_of(self.call("GET", self.keys_path, 200)).get("_embedded", {}).get("keys", [])
        all_ids = [key["id"] for key in everything]
        for created in (self.default, self.rsa_key, self.ec_key, self.self_signed, self.imported, self.expiring_key):
            self.check(created["id"] in all_ids, f"key {created['name']!r} missing from the list")
        valid = [key for key in everything if key.get("status") == "VALID"]
        # The filter as a PingOne client puts it on the wire: percent-encoded (%20 and %22).
        query = "filter=" + urllib.parse.quote('status eq "VALID"', safe="")
        filtered = self.json_of(self.call("GET", f"{self.keys_path}?{query}", 200)).get("_embedded", {}).get("keys", [])
        self.check(all(key.get("status") == "VALID" for key in filtered), "filter returned a key that is not VALID")
        self.equal(sorted(k["id"] for k in filtered), sorted(k["id"] for k in valid), 'ids listed by filter=status eq "VALID"')
        self.check(self.expiring_key["id"] not in [k["id"] for k in filtered], "an EXPIRING key passed the VALID filter")
        # requests' own encoding of the same query ('+' for spaces, as HTML forms do).
        plus = self.json_of(self.call("GET", self.keys_path, 200, params={"filter": 'status eq "VALID"'}))
        self.equal(sorted(k["id"] for k in plus.get("_embedded", {}).get("keys", [])),
                   sorted(k["id"] for k in valid), "ids listed by filter=status+eq+%22VALID%22")
        self.begin('keys: an unsupported filter is 400 INVALID_DATA')
        response = self.call("GET", self.keys_path, 400, params={"filter": 'name eq "x"'})
        self.check(self.json_of(response).get("code") in ("INVALID_DATA", "INVALID_REQUEST"),
                   f"unsupported filter error code: {response.text[:300]}")

        self.begin("keys: page with limit=1, following _links.next to the end")
        paged = self.follow_pages(f"{self.keys_path}?limit=1", "keys")
        self.equal(sorted(paged), sorted(all_ids), "ids collected page by page")
        self.begin('keys: page through filter=status eq "VALID" with limit=1')
        paged = self.follow_pages(f"{self.keys_path}?limit=1&{query}", "keys")
        self.equal(sorted(paged), sorted(k["id"] for k in valid), "VALID ids collected page by page")

        self.begin("certificates: list, and page with limit=1")
        listing = self.json_of(self.call("GET", self.certificates_path, 200))
        certificate_ids = [c["id"] for c in listing.get("_embedded", {}).get("certificates", [])]
        self.equal(sorted(certificate_ids), sorted([self.uploaded["id"], self.expiring_certificate["id"]]),
                   "certificates listed")
        paged = self.follow_pages(f"{self.certificates_path}?limit=1", "certificates")
        self.equal(sorted(paged), sorted(certificate_ids), "certificate ids collected page by page")

    def follow_pages(self, first, name):
        ids, url, pages = [], first, 0
        while url:
            pages += 1
            self.check(pages <= 100, "more than 100 pages of one item: _links.next never ends")
            page = self.json_of(self.call("GET", url, 200))
            items = page.get("_embedded", {}).get(name, [])
            self.check(len(items) <= 1, f"limit=1 returned {len(items)} items")
            if "size" in page:
                self.equal(page["size"], len(items), "size of a page")
            ids += [item["id"] for item in items]
            url = page.get("_links", {}).get("next", {}).get("href")
            self.check(url is None or "cursor=" in url, f"_links.next without a cursor: {url}")
            self.check(url is None or items, "an empty page with a next link")
        self.equal(len(ids), len(set(ids)), "pages repeat no item")
        return ids

    def deletes(self):
        self.begin("delete: a key -> 204, then 404 NOT_FOUND (also with a binary Accept)")
        path = f"{self.keys_path}/{self.ec_key['id']}"
        self.call("DELETE", path, 204)
        self.error_of(self.call("GET", path, 404), "NOT_FOUND")
        self.error_of(self.call("GET", path, 404, accept=f"{PEM_CERTIFICATE}, {JSON}"), "NOT_FOUND")
        self.error_of(self.call("DELETE", path, 404), "NOT_FOUND")

        self.begin("delete: a certificate -> 204, then 404 NOT_FOUND")
        path = f"{self.certificates_path}/{self.uploaded['id']}"
        self.call("DELETE", path, 204)
        self.error_of(self.call("GET", path, 404), "NOT_FOUND")

        self.begin("delete: the environment -> 204, then 404 NOT_FOUND for it and its keys")
        self.call("DELETE", f"/v1/environments/{self.env}", 204)
        self.error_of(self.call("GET", f"/v1/environments/{self.env}", 404), "NOT_FOUND")
        self.error_of(self.call("GET", f"{self.keys_path}/{self.rsa_key['id']}", 404), "NOT_FOUND")
        self.error_of(self.call("GET", self.keys_path, 404), "NOT_FOUND")
        listing = self.json_of(self.call("GET", "/v1/environments", 200))
        ids = [e["id"] for e in listing.get("_embedded", {}).get("environments", [])]
        self.check(self.env not in ids, "the deleted environment is still listed")
        self.check(self.init["environmentId"] in ids, "the administrator's environment is not listed")

    def administrator_token_keys(self):
        """Last on purpose: it rotates the administrator environment's token keys.

        Tokens are signed by the current key of the environment's default key rotation policy
        (PingOne's KRP). That key cannot be deleted through the keys API (400 INVALID_DATA), and
        a token issued before a rotation still verifies with the JWKS published after it.
        """
        self.begin("key rotation policies: the default policy signs the administrator's tokens")
        env = self.init["environmentId"]
        policies_path = f"/v1/environments/{env}/keyRotationPolicies"
        policies = self.json_of(self.call("GET", policies_path, 200)).get("_embedded", {}).get("keyRotationPolicies", [])
        defaults = [p for p in policies if p.get("default") is True]
        self.equal(len(defaults), 1, "default key rotation policies in the administrator's environment")
        policy = defaults[0]
        for member, value in (("algorithm", "RSA"), ("usageType", "SIGNING"), ("signatureAlgorithm", "SHA256withRSA"),
                              ("keyLength", 2048), ("validityPeriod", 365), ("rotationPeriod", 90)):
            self.equal(policy.get(member), value, f"default policy {member}")
        header = json.loads(b64url(self.token.split(".")[0]))
        self.equal(header.get("kid"), policy.get("currentKeyId"), "kid of the administrator's token")

        self.begin("delete: the key that signs the administrator's tokens is refused (400)")
        keys_path = f"/v1/environments/{env}/keys"
        self.error_of(self.call("DELETE", f"{keys_path}/{policy['currentKeyId']}", 400), "INVALID_DATA")
        self.call("GET", f"{keys_path}/{policy['currentKeyId']}", 200)

        self.begin("rotation: a token issued before it verifies with the JWKS published after it")
        before = self.token
        rotated = self.json_of(self.call("POST", f"{policies_path}/{policy['id']}/rotate", 200))
        self.equal(rotated.get("previousKeyId"), policy.get("currentKeyId"), "previous key after a rotation")
        self.equal(rotated.get("currentKeyId"), policy.get("nextKeyId"), "current key after a rotation")
        jwks = self.json_of(self.call("GET", f"/{env}/as/jwks", 200, auth=False))
        self.equal([k.get("kid") for k in jwks.get("keys", [])],
                   [policy.get("currentKeyId"), rotated.get("currentKeyId"), rotated.get("nextKeyId")],
                   "JWKS after a rotation: previous, current, next")
        self.verify_jwt(before, jwks)
        form = {"grant_type": "client_credentials", "client_id": self.init["clientId"],
                "client_secret": self.init["clientSecret"]}
        after = self.json_of(self.call("POST", f"/{env}/as/token", 200, auth=False, data=form))["access_token"]
        self.equal(json.loads(b64url(after.split(".")[0])).get("kid"), rotated.get("currentKeyId"),
                   "kid of a token issued after the rotation")
        self.verify_jwt(after, jwks)
        self.call("GET", "/v1/environments", 200)

    def run(self):
        self.tokens()
        self.create_environment()
        self.default_key()
        self.create_keys()
        self.export_and_verify()
        self.import_pkcs12()
        self.csr_round_trip()
        self.upload_certificates()
        self.statuses()
        self.lists()
        self.deletes()
        self.administrator_token_keys()


# --- helpers ------------------------------------------------------------------------------


def basic(client_id, secret):
    pair = f"{urllib.parse.quote(client_id, safe='')}:{urllib.parse.quote(secret, safe='')}"
    return "Basic " + base64.b64encode(pair.encode()).decode()


def b64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64int(text):
    return int.from_bytes(b64url(text), "big")


def is_uuid(value):
    try:
        return str(uuid.UUID(value)) == value
    except (TypeError, ValueError):
        return False


def dn_pairs(dn):
    """A DN as a set of (attribute, value) pairs, empty values left out, whatever its order and
    spacing (PingOne writes `CN=x, O=y` or `C=..,O=..,CN=..`); no escaped commas in ours."""
    if isinstance(dn, x509.Name):
        dn = dn.rfc4514_string()
    pairs = set()
    for part in dn.split(","):
        attribute, _, value = part.strip().partition("=")
        if value.strip():
            pairs.add((attribute.strip().upper(), value.strip()))
    return pairs


def same_dn(left, right):
    return dn_pairs(left) == dn_pairs(right)


def java_signature_name(certificate):
    """The certificate's signature algorithm in PingOne's (Java) spelling, e.g. SHA256withRSA."""
    digest = certificate.signature_hash_algorithm.name.upper()  # "SHA256"
    ecdsa = certificate.signature_algorithm_oid.dotted_string.startswith("1.2.840.10045.4.")  # ecdsa-with-SHA*
    return f"{digest}with{'ECDSA' if ecdsa else 'RSA'}"


def spki(public_key):
    return public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def self_signed_pem(common_name, not_before, not_after):
    """A self-signed P-256 certificate with the given window (openssl 3.0 cannot back-date)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name),
                      x509.NameAttribute(NameOID.COUNTRY_NAME, "GB")])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .sign(key, hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.PEM)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="base URL of keyward serve, e.g. http://127.0.0.1:8080")
    parser.add_argument("--init", required=True, help="file holding the JSON line of keyward init --json")
    arguments = parser.parse_args()
    with open(arguments.init) as file:
        init = json.loads(file.read())
    for member in ("organizationId", "environmentId", "clientId", "clientSecret"):
        if member not in init:
            print(f"e2e: {arguments.init} lacks {member}", file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory(prefix="keyward-e2e-") as workdir:
        customer = Customer(arguments.url, init, workdir)
        try:
            customer.run()
        except (Failure, requests.RequestException, KeyError, ValueError) as error:
            print(f"\ne2e: FAILED at step: {customer.step}", file=sys.stderr)
            print(f"e2e:   {type(error).__name__}: {error}", file=sys.stderr)
            if customer.last:
                method, url, status, content_type, excerpt = customer.last
                print(f"e2e:   last request:  {method} {url}", file=sys.stderr)
                print(f"e2e:   last response: {status} {content_type} {excerpt}", file=sys.stderr)
            return 1
    print(f"e2e: all steps passed ({customer.passed} assertions)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
