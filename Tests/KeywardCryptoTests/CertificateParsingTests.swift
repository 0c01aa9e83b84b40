import Foundation
import KeywardCrypto
import KeywardTestSupport
import Testing

@Suite struct CertificateParsingTests {
    @Test(arguments: ["certs/leaf.pem", "certs/leaf.der"])
    func certificateFromOpensslIsReadWithTheFieldsCryptographySees(_ path: String) throws {
        let certificate = try Certificate(parsing: fixture(path))
        let info = try pythonCheck("cert_info.py", [fixturePath(path)])
        #expect(try certificate.serialNumber.description == info["serial"] as? String)
        #expect(certificate.version == 3)
        #expect(certificate.signatureAlgorithm == .sha256WithRSA)
        #expect(
            try certificate.subject.description
                == "CN=leaf.example.com, OU=Platform, O=Example Corp, L=Springfield, ST=Oregon, C=US"
        )
        #expect(certificate.subjectAlternativeNames.contains(.dns("www.example.com")))
        #expect(certificate.subjectAlternativeNames.contains(.ipAddress("192.0.2.10")))
        let formatter = ISO8601DateFormatter()
        let notBefore = try #require((info["not_before"] as? String).flatMap(formatter.date(from:)))
        #expect(certificate.notBefore == notBefore)
    }

    @Test func twentyByteSerialIsKeptWhole() throws {
        let certificate = try Certificate(parsing: fixture("certs/serial-20-bytes.pem"))
        let info = try pythonCheck("cert_info.py", [fixturePath("certs/serial-20-bytes.pem")])
        #expect(try certificate.serialNumber.bytes.count == 20)
        #expect(try certificate.serialNumber.description == info["serial"] as? String)
    }

    @Test func expiredAndNotYetValidCertificatesAreReadAndReportTheirWindow() throws {
        let expired = try Certificate(parsing: fixture("certs/expired.pem"))
        let future = try Certificate(parsing: fixture("certs/not-yet-valid.pem"))
        #expect(!expired.isValid(at: Date()))
        #expect(expired.notAfter < Date())
        #expect(!future.isValid(at: Date()))
        #expect(future.notBefore > Date())
    }

    @Test func pemBundleIsReadInOrder() throws {
        let chain = try Certificate.parseChain(fixture("certs/chain.pem"))
        #expect(chain.count == 3)
        #expect(try chain[0].subject.commonName == "leaf.example.com")
        #expect(chain[2].isSigned(by: chain[2]))
        #expect(chain[0].isSigned(by: chain[1]))
    }

    @Test(arguments: ["pkcs7/chain-certs-only.pem", "pkcs7/chain-certs-only.der", "pkcs7/chain-cryptography.der"])
    func pkcs7FromOpensslAndCryptographyIsRead(_ path: String) throws {
        let chain = try Certificate.parseChain(fixture(path))
        let info = try pythonCheck("pkcs7_info.py", [fixturePath(path)])
        let subjects = try #require(info["subjects"] as? [String])
        #expect(chain.count == subjects.count)
        #expect(chain.count == 3)
    }

    @Test(arguments: [
        "broken/empty.bin", "broken/leaf-truncated.der", "broken/leaf-truncated.pem", "broken/leaf-garbage-base64.pem",
        "broken/random-4k.bin", "broken/leaf-trailing-bytes.der", "pem/rsa2048-pkcs8.pem",
    ])
    func brokenCertificatesGiveATypedError(_ path: String) throws {
        #expect {
            try Certificate(parsing: fixture(path))
        } throws: { error in
            guard case CryptoError.malformedInput = error else { return false }
            return true
        }
        #expect(throws: CryptoError.self) { try Certificate.parseChain(fixture(path)) }
    }

    @Test func flippedByteInsideTheCertificateBreaksItsSignature() throws {
        let original = try Certificate(parsing: fixture("certs/intermediate-ca.pem"))
        let flipped = try Certificate(parsing: fixture("broken/leaf-flipped-byte.der"))
        #expect(!flipped.isSigned(by: original))
    }

    @Test func oversizedCertificateInputIsRefused() throws {
        #expect(throws: CryptoError.inputTooLarge(format: "certificate", limit: InputLimits.maximumBytes)) {
            try Certificate(parsing: fixture("broken/oversized-1mib.pem"))
        }
    }

    @Test func truncatedPKCS7IsATypedError() throws {
        #expect(throws: CryptoError.self) {
            try PKCS7Chain.certificates(in: fixture("broken/chain-certs-only-truncated.der"))
        }
    }

    @Test func exportedPKCS7IsReadByOpensslAndCryptographyInOrder() throws {
        let pki = try TestPKI()
        let directory = try TemporaryDirectory()
        let der = try directory.write("chain.p7b", PKCS7Chain.der([pki.leaf, pki.organization, pki.root]))
        let printed = try openssl("pkcs7", "-inform", "DER", "-in", der, "-print_certs", "-noout")
        #expect(
            printed.standardOutput.contains("subject=C = US, O = Example Corp, OU = Platform, CN = leaf.example.com")
        )
        let pem = try directory.write("chain.pem", PKCS7Chain.pem([pki.leaf, pki.organization]))
        try openssl("pkcs7", "-in", pem, "-print_certs", "-noout")
        let info = try pythonCheck("pkcs7_info.py", [der])
        #expect((info["subjects"] as? [String])?.count == 3)
        let reread = try PKCS7Chain.certificates(in: PKCS7Chain.der([pki.leaf, pki.organization, pki.root]))
        #expect(reread == [pki.leaf, pki.organization, pki.root])
    }
}

@Suite struct PEMDetectionTests {
    @Test func derCertificateWhoseSubjectContainsAPEMHeaderIsReadAsDER() throws {
        let key = try PrivateKey.generate(.p256)
        let certificate = try Certificate.issue(
            CertificateTemplate(
                subject: DistinguishedName(parsing: "CN=-----BEGIN CERTIFICATE-----"),
                notBefore: Date(),
                notAfter: Date().addingTimeInterval(60),
                signatureAlgorithm: .sha256WithECDSA,
                profile: .pingOneExact
            ),
            for: key.publicKey,
            signedBy: .selfSigned(key)
        )
        let reread = try Certificate(parsing: certificate.derRepresentation())
        #expect(reread == certificate)
        #expect(try Certificate.parseChain(certificate.derRepresentation()) == [certificate])
    }
}
