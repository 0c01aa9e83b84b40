import Foundation
import KeywardCrypto
import KeywardTestSupport
import Testing

@Suite struct CertificateIssuanceTests {
    @Test func everyIssuedCertificatePassesPkilintWithoutErrors() throws {
        let pki = try TestPKI()
        let directory = try TemporaryDirectory()
        for (name, certificate) in [("root", pki.root), ("organization", pki.organization), ("leaf", pki.leaf)] {
            let findings = try pkilintFindings(certificatePEM: certificate.pemRepresentation(), in: directory)
            #expect(findings.isEmpty, "pkilint findings for the \(name) certificate:\n\(findings)")
        }
    }

    @Test func opensslVerifiesTheLeafUpToTheInstallationRoot() throws {
        let pki = try TestPKI()
        let directory = try TemporaryDirectory()
        let root = try directory.write("root.pem", pki.root.pemRepresentation())
        let organization = try directory.write("org.pem", pki.organization.pemRepresentation())
        let leaf = try directory.write("leaf.pem", pki.leaf.pemRepresentation())
        let result = try openssl("verify", "-CAfile", root, "-untrusted", organization, leaf)
        #expect(result.standardOutput.contains("leaf.pem: OK"))
    }

    @Test func pingOneExactOrganizationCertificateHasNoExtensionsAndOpensslRefusesChainsThroughIt() throws {
        let pki = try TestPKI(organizationProfile: .pingOneExact)
        #expect(pki.organization.extensionCount == 0)
        #expect(pki.organization.version == 3)
        let directory = try TemporaryDirectory()
        let root = try directory.write("root.pem", pki.root.pemRepresentation())
        let organization = try directory.write("org.pem", pki.organization.pemRepresentation())
        let leaf = try directory.write("leaf.pem", pki.leaf.pemRepresentation())
        let result = try runCommand("openssl", ["verify", "-CAfile", root, "-untrusted", organization, leaf])
        #expect(result.status != 0)
        #expect((result.standardOutput + result.standardError).contains("invalid CA certificate"))
    }

    @Test func organizationCertificateCarriesTheCAExtensionsRFC5280Requires() throws {
        let pki = try TestPKI()
        let directory = try TemporaryDirectory()
        let path = try directory.write("org.pem", pki.organization.pemRepresentation())
        let info = try pythonCheck("cert_info.py", [path])
        let extensions = try #require(info["extensions"] as? [String: Any])
        let basic = try #require(extensions["basicConstraints"] as? [String: Any])
        #expect(basic["critical"] as? Bool == true)
        #expect(basic["ca"] as? Bool == true)
        #expect(basic["path_length"] as? Int == 0)
        let usage = try #require(extensions["keyUsage"] as? [String: Any])
        #expect(usage["critical"] as? Bool == true)
        #expect(usage["key_cert_sign"] as? Bool == true)
        #expect(usage["crl_sign"] as? Bool == true)
        #expect(usage["digital_signature"] as? Bool == false)
        let ski = try #require(extensions["subjectKeyIdentifier"] as? String)
        let aki = try #require(extensions["authorityKeyIdentifier"] as? String)
        let rootSKI = try #require(pki.root.subjectKeyIdentifier)
        #expect(aki == rootSKI.map { String(format: "%02x", $0) }.joined())
        #expect(ski == pki.organization.subjectKeyIdentifier?.map { String(format: "%02x", $0) }.joined())
        #expect(info["signature_hash"] as? String == "sha256")
        #expect(info["version"] as? Int == 3)
    }

    @Test func cryptographyReadsEveryLeafFieldAsIssued() throws {
        let pki = try TestPKI()
        let directory = try TemporaryDirectory()
        let path = try directory.write("leaf.pem", pki.leaf.pemRepresentation())
        let info = try pythonCheck("cert_info.py", [path])
        #expect(info["serial"] as? String == (try pki.leaf.serialNumber).description)
        #expect(info["subject"] as? String == "CN=leaf.example.com,OU=Platform,O=Example Corp,C=US")
        #expect(info["issuer"] as? String == "CN=Example Org,OU=Platform,O=Example Corp,C=US")
        #expect((info["public_key"] as? [String: Any])?["curve"] as? String == "secp256r1")
        let extensions = try #require(info["extensions"] as? [String: Any])
        let names = try #require(extensions["subjectAltName"] as? [[String: String]])
        #expect(names.contains(["type": "DNS", "value": "leaf.example.com"]))
        #expect(names.contains(["type": "IP", "value": "192.0.2.10"]))
        #expect(names.contains(["type": "email", "value": "ops@example.com"]))
        #expect(names.contains(["type": "URI", "value": "https://example.com/id"]))
        #expect(extensions["extendedKeyUsage"] as? [String] == ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"])
        let basic = try #require(extensions["basicConstraints"] as? [String: Any])
        #expect(basic["ca"] as? Bool == false)
        let formatter = ISO8601DateFormatter()
        let notAfter = try #require((info["not_after"] as? String).flatMap(formatter.date(from:)))
        #expect(abs(notAfter.timeIntervalSince(pki.leaf.notAfter)) < 1)
    }

    @Test func opensslPrintsTheExtensionsAskedFor() throws {
        let pki = try TestPKI()
        let profile = CertificateProfile(
            basicConstraints: .endEntity,
            keyUsage: [.digitalSignature, .keyEncipherment],
            crlDistributionPoints: ["http://crl.example.com/org.crl"],
            ocspResponders: ["http://ocsp.example.com/"]
        )
        let key = try PrivateKey.generate(.rsa2048)
        let certificate = try Certificate.issue(
            CertificateTemplate(
                subject: DistinguishedName(parsing: "CN=with urls, O=Example Corp, C=US"),
                notBefore: Date(),
                notAfter: Date().addingTimeInterval(86400),
                signatureAlgorithm: .sha384WithRSA,
                profile: profile
            ),
            for: key.publicKey,
            signedBy: .authority(certificate: pki.organization, key: pki.organizationKey)
        )
        let text = try openssl("x509", "-noout", "-text", input: Data(certificate.pemRepresentation().utf8))
        #expect(text.standardOutput.contains("URI:http://crl.example.com/org.crl"))
        #expect(text.standardOutput.contains("OCSP - URI:http://ocsp.example.com/"))
        #expect(text.standardOutput.contains("sha384WithRSAEncryption"))
        #expect(text.standardOutput.contains("Digital Signature, Key Encipherment"))
        #expect(certificate.crlDistributionPoints == ["http://crl.example.com/org.crl"])
        #expect(certificate.ocspResponders == ["http://ocsp.example.com/"])
        #expect(certificate.keyUsage == [.digitalSignature, .keyEncipherment])
        let directory = try TemporaryDirectory()
        #expect(try pkilintFindings(certificatePEM: certificate.pemRepresentation(), in: directory).isEmpty)
    }

    @Test(arguments: SignatureAlgorithm.allCases)
    func everySignatureAlgorithmIssuesACertificateOpensslVerifies(_ algorithm: SignatureAlgorithm) throws {
        let signer = try PrivateKey.generate(algorithm.keyAlgorithm == .rsa ? .rsa2048 : .p384)
        let certificate = try Certificate.issue(
            CertificateTemplate(
                subject: DistinguishedName(parsing: "CN=\(algorithm.rawValue), O=Keyward, C=US"),
                notBefore: Date(),
                notAfter: Date().addingTimeInterval(86400),
                signatureAlgorithm: algorithm,
                profile: .certificateAuthority(pathLength: 1)
            ),
            for: signer.publicKey,
            signedBy: .selfSigned(signer)
        )
        #expect(certificate.signatureAlgorithm == algorithm)
        let directory = try TemporaryDirectory()
        let path = try directory.write("self.pem", certificate.pemRepresentation())
        let result = try openssl("verify", "-CAfile", path, path)
        #expect(result.standardOutput.contains("OK"))
        #expect(try pkilintFindings(certificatePEM: certificate.pemRepresentation(), in: directory).isEmpty)
    }

    @Test func signatureAlgorithmThatDoesNotFitTheSigningKeyIsRefused() throws {
        let key = try PrivateKey.generate(.p256)
        let template = try CertificateTemplate(
            subject: DistinguishedName(parsing: "CN=x"),
            notBefore: Date(),
            notAfter: Date().addingTimeInterval(60),
            signatureAlgorithm: .sha256WithRSA,
            profile: .pingOneExact
        )
        #expect(throws: CryptoError.self) {
            try Certificate.issue(template, for: key.publicKey, signedBy: .selfSigned(key))
        }
    }

    @Test func serialNumbersAreRandomPositiveAndAtLeast64Bits() throws {
        var seen = Set<SerialNumber>()
        for _ in 0..<1000 {
            let serial = try SerialNumber.random()
            #expect(serial.bytes.count == 16)
            #expect(serial.bytes[0] & 0x80 == 0)
            #expect(serial.bytes[0] != 0)
            seen.insert(serial)
        }
        #expect(seen.count == 1000)
    }

    @Test func serialNumberIsReadBackExactlyByOpenssl() throws {
        let key = try PrivateKey.generate(.p256)
        let serial = try SerialNumber(decimal: "1461501637330902918203684832716283019655932542975")  // 2^160 - 1
        let certificate = try Certificate.issue(
            CertificateTemplate(
                subject: DistinguishedName(parsing: "CN=big serial"),
                serialNumber: serial,
                notBefore: Date(),
                notAfter: Date().addingTimeInterval(60),
                signatureAlgorithm: .sha256WithECDSA,
                profile: .pingOneExact
            ),
            for: key.publicKey,
            signedBy: .selfSigned(key)
        )
        let printed = try openssl("x509", "-noout", "-serial", input: Data(certificate.pemRepresentation().utf8))
        #expect(
            printed.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "serial=" + serial.hexadecimal
        )
        #expect(try certificate.serialNumber == serial)
        #expect(serial.description == "1461501637330902918203684832716283019655932542975")
    }

    @Test func emptyDistinguishedNameValuesAreLeftOutOfTheEncodedName() throws {
        let pki = try TestPKI()
        #expect(try pki.leaf.subject.description == "CN=leaf.example.com, OU=Platform, O=Example Corp, C=US")
    }
}
