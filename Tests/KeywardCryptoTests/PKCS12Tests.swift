import Foundation
import KeywardCrypto
import KeywardTestSupport
import Testing

@Suite struct PKCS12Tests {
    @Test(arguments: [
        ("pkcs12/rsa2048-chain-aes.p12", "secret"), ("pkcs12/rsa2048-chain-cryptography.p12", "secret"),
        ("pkcs12/p256-chain.p12", "secret"),
    ])
    func filesFromOpensslAndCryptographyOpenWithTheirPassword(_ path: String, _ password: String) throws {
        let bundle = try PKCS12Bundle(parsing: fixture(path), password: password)
        let info = try pythonCheck("pkcs12_info.py", [fixturePath(path), password])
        #expect(bundle.privateKey.matches(bundle.certificate))
        #expect(info["key_matches_cert"] as? Bool == true)
        #expect(bundle.chain.count == (info["additional_subjects"] as? [String])?.count)
        #expect(!bundle.chain.isEmpty)
    }

    @Test func fileWithEmptyPasswordOpensWithNoneAndWithEmpty() throws {
        let bytes = try fixture("pkcs12/rsa2048-chain-empty-password.p12")
        _ = try PKCS12Bundle(parsing: bytes, password: nil)
        _ = try PKCS12Bundle(parsing: bytes, password: "")
    }

    @Test func fileWithoutPasswordOpens() throws {
        let bundle = try PKCS12Bundle(parsing: fixture("pkcs12/rsa2048-chain-no-password.p12"), password: nil)
        #expect(bundle.privateKey.matches(bundle.certificate))
    }

    @Test func wrongPasswordIsItsOwnError() throws {
        #expect(throws: CryptoError.wrongPassword) {
            try PKCS12Bundle(parsing: fixture("pkcs12/rsa2048-chain-aes.p12"), password: "not-the-password")
        }
    }

    @Test func missingPasswordIsItsOwnError() throws {
        #expect(throws: CryptoError.passwordRequired) {
            try PKCS12Bundle(parsing: fixture("pkcs12/rsa2048-chain-aes.p12"), password: nil)
        }
    }

    @Test func legacyCipherFileGivesATypedError() throws {
        #expect(throws: CryptoError.self) {
            try PKCS12Bundle(parsing: fixture("pkcs12/rsa2048-chain-legacy.p12"), password: "secret")
        }
    }

    @Test func fileWithAKeyButNoMatchingCertificateIsRefused() throws {
        #expect {
            try PKCS12Bundle(parsing: fixture("pkcs12/rsa2048-mismatched-key.p12"), password: "secret")
        } throws: { error in
            switch error as? CryptoError {
            case .keyMismatch, .malformedInput: true
            default: false
            }
        }
    }

    @Test(arguments: [
        "broken/rsa2048-chain-truncated.p12", "broken/empty.bin", "broken/random-4k.bin", "certs/leaf.der",
    ])
    func brokenFilesAreMalformed(_ path: String) throws {
        #expect {
            try PKCS12Bundle(parsing: fixture(path), password: "secret")
        } throws: { error in
            guard case CryptoError.malformedInput = error else { return false }
            return true
        }
    }

    @Test func exportIsReadByOpensslAndCryptographyAndRoundTrips() throws {
        let pki = try TestPKI(leafSpec: .rsa2048)
        let bundle = PKCS12Bundle(privateKey: pki.leafKey, certificate: pki.leaf, chain: [pki.organization, pki.root])
        let bytes = try bundle.pkcs12(password: "s3cret pass", friendlyName: "leaf")
        let directory = try TemporaryDirectory()
        let path = try directory.write("leaf.p12", bytes)
        let info = try pythonCheck("pkcs12_info.py", [path, "s3cret pass"])
        #expect(info["key_matches_cert"] as? Bool == true)
        #expect(info["cert_subject"] as? String == "CN=leaf.example.com,OU=Platform,O=Example Corp,C=US")
        #expect((info["additional_subjects"] as? [String])?.count == 2)
        let listed = try openssl("pkcs12", "-in", path, "-passin", "pass:s3cret pass", "-info", "-nokeys", "-noout")
        #expect(listed.standardError.contains("AES-256-CBC") || listed.standardOutput.contains("AES-256-CBC"))
        let reread = try PKCS12Bundle(parsing: bytes, password: "s3cret pass")
        #expect(reread.certificate == pki.leaf)
        #expect(try reread.privateKey.publicKey == pki.leafKey.publicKey)
        #expect(throws: CryptoError.wrongPassword) { try PKCS12Bundle(parsing: bytes, password: "wrong") }
    }

    @Test func exportWithoutPasswordIsRefused() throws {
        let pki = try TestPKI()
        #expect(throws: CryptoError.self) {
            try PKCS12Bundle(privateKey: pki.leafKey, certificate: pki.leaf).pkcs12(password: "")
        }
    }
}
