import Foundation
import KeywardCrypto
import KeywardTestSupport
import Testing

@Suite struct CertificateSigningRequestTests {
    @Test(arguments: [(KeySpec.rsa2048, SignatureAlgorithm.sha256WithRSA), (.p384, .sha384WithECDSA)])
    func createdRequestVerifiesWithOpensslAndCryptography(_ spec: KeySpec, _ algorithm: SignatureAlgorithm) throws {
        let key = try PrivateKey.generate(spec)
        let request = try CertificateSigningRequest(
            subject: DistinguishedName(parsing: "CN=api.example.com, OU=Platform, O=Example Corp, L=, ST=, C=US"),
            subjectAlternativeNames: [.dns("api.example.com"), .ipAddress("2001:db8::1")],
            key: key,
            signatureAlgorithm: algorithm
        )
        let directory = try TemporaryDirectory()
        let pem = try directory.write("req.pem", request.pemRepresentation())
        let verified = try openssl("req", "-in", pem, "-verify", "-noout")
        #expect((verified.standardOutput + verified.standardError).contains("verify OK"))
        let der = try directory.write("req.der", request.derRepresentation())
        let info = try pythonCheck("csr_info.py", [der])
        #expect(info["signature_valid"] as? Bool == true)
        #expect(info["subject"] as? String == "CN=api.example.com,OU=Platform,O=Example Corp,C=US")
        let names = try #require(info["subjectAltName"] as? [[String: String]])
        #expect(names == [["type": "DNS", "value": "api.example.com"], ["type": "IP", "value": "2001:db8::1"]])
        let reread = try CertificateSigningRequest(parsing: request.derRepresentation())
        #expect(try reread.publicKey == key.publicKey)
        #expect(reread.subjectAlternativeNames == [.dns("api.example.com"), .ipAddress("2001:db8::1")])
    }

    @Test(arguments: ["csr/rsa2048.pem", "csr/rsa2048.der", "csr/p256.pem"])
    func requestsFromOpensslAreReadWithTheirSubject(_ path: String) throws {
        let request = try CertificateSigningRequest(parsing: fixture(path))
        let info = try pythonCheck("csr_info.py", [fixturePath(path)])
        let expected = try #require(info["subject"] as? String)
        #expect(try request.subject.description.replacingOccurrences(of: ", ", with: ",") == expected)
    }

    @Test func requestWithABrokenSignatureIsRefused() throws {
        #expect {
            try CertificateSigningRequest(parsing: fixture("csr/rsa2048-bad-signature.pem"))
        } throws: { error in
            guard case CryptoError.invalidSignature = error else { return false }
            return true
        }
    }

    @Test(arguments: ["broken/rsa2048-csr-truncated.der", "broken/empty.bin", "certs/leaf.pem"])
    func brokenRequestsAreMalformed(_ path: String) throws {
        #expect {
            try CertificateSigningRequest(parsing: fixture(path))
        } throws: { error in
            guard case CryptoError.malformedInput = error else { return false }
            return true
        }
    }

    @Test func invalidSubjectAlternativeNamesAreRefusedByName() throws {
        let key = try PrivateKey.generate(.p256)
        for name in [
            GeneralName.dns("bad name.example"), .dns("-x.example"), .ipAddress("300.1.1.1"), .email("nobody"),
            .uri("no-scheme"),
        ] {
            #expect {
                try CertificateSigningRequest(
                    subject: DistinguishedName(parsing: "CN=x"),
                    subjectAlternativeNames: [name],
                    key: key,
                    signatureAlgorithm: .sha256WithECDSA
                )
            } throws: { error in
                guard case CryptoError.invalidArgument(name: "subjectAltName", _) = error else { return false }
                return true
            }
        }
    }
}
