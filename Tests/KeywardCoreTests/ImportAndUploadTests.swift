import Foundation
import KeywardCore
import KeywardCrypto
import Testing

/// Reads a file under Tests/Fixtures (made by openssl and cryptography, see its README).
private func fixture(_ path: String) throws -> [UInt8] {
    let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    return Array(try Data(contentsOf: tests.appendingPathComponent("Fixtures/\(path)")))
}

private func invalid(_ field: String, containing text: String = "") -> (any Error) -> Bool {
    { error in
        guard case CoreError.invalidValue(let named, let reason) = error else { return false }
        return named == field && (text.isEmpty || reason.contains(text))
    }
}

@Suite struct KeyImportTests {
    @Test func pkcs12FromOpensslImportsWithItsChainAndAMatchingPrivateKey() throws {
        let world = try TestWorld()
        let service = KeyImportService(store: world.store, clock: world.clock)
        let key = try service.importPKCS12(
            fixture("pkcs12/rsa2048-chain-aes.p12"),
            password: "secret",
            usageType: "SSL_TLS",
            in: world.environmentA.id
        )
        #expect(key.usageType == .sslTLS)
        #expect(key.name == "leaf.example.com")
        #expect(key.algorithm == .rsa && key.keyLength == 2048)
        #expect(key.trustChain.count == 2)
        #expect(key.organizationID == world.organization.id)
        let certificate = try Certificate(parsing: key.certificateDER)
        #expect(key.subjectDN == (try certificate.subject.description))
        let privateKey = try #require(try world.store.read { try $0.privateKey(recordID: key.id) })
        #expect(privateKey.matches(certificate))
        #expect(try world.keys.get(key.id, in: world.environmentA.id) == key)
    }

    @Test func wrongOrMissingPasswordNamesThePasswordField() throws {
        let world = try TestWorld()
        let service = KeyImportService(store: world.store, clock: world.clock)
        let file = try fixture("pkcs12/rsa2048-chain-aes.p12")
        #expect(
            performing: {
                try service.importPKCS12(file, password: "nope", usageType: "SIGNING", in: world.environmentA.id)
            },
            throws: invalid("password", containing: "does not open")
        )
        #expect(
            performing: {
                try service.importPKCS12(file, password: nil, usageType: "SIGNING", in: world.environmentA.id)
            },
            throws: invalid("password", containing: "protected")
        )
        #expect(try world.keys.list(in: world.environmentA.id).count == TestWorld.keysPerNewEnvironment)
    }

    @Test(arguments: ["broken/rsa2048-chain-truncated.p12", "pkcs12/rsa2048-chain-legacy.p12", "certs/leaf.der"])
    func unreadableFilesNameTheFileField(_ path: String) throws {
        let world = try TestWorld()
        let service = KeyImportService(store: world.store, clock: world.clock)
        #expect(
            performing: {
                try service.importPKCS12(
                    fixture(path),
                    password: "secret",
                    usageType: "SIGNING",
                    in: world.environmentA.id
                )
            },
            throws: invalid("file")
        )
    }

    @Test func certificateOutsideItsValidityWindowIsRefused() throws {
        let world = try TestWorld()
        let service = KeyImportService(store: world.store, clock: world.clock)
        let file = try fixture("pkcs12/rsa2048-chain-aes.p12")
        world.clock.set(Date(timeIntervalSince1970: 4_102_444_800))  // 2100
        #expect(
            performing: {
                try service.importPKCS12(file, password: "secret", usageType: "SIGNING", in: world.environmentA.id)
            },
            throws: invalid("file", containing: "expired")
        )
        world.clock.set(Date(timeIntervalSince1970: 1_000_000_000))  // 2001
        #expect(
            performing: {
                try service.importPKCS12(file, password: "secret", usageType: "SIGNING", in: world.environmentA.id)
            },
            throws: invalid("file", containing: "not valid yet")
        )
    }

    @Test func importIntoAnUnknownEnvironmentIsNotFound() throws {
        let world = try TestWorld()
        let service = KeyImportService(store: world.store, clock: world.clock)
        #expect(throws: CoreError.self) {
            try service.importPKCS12(
                fixture("pkcs12/p256-chain.p12"),
                password: "secret",
                usageType: "SIGNING",
                in: UUID()
            )
        }
    }
}

@Suite struct CertificateUploadTests {
    @Test(arguments: ["certs/leaf.pem", "certs/leaf.der", "pkcs7/chain-certs-only.pem", "pkcs7/chain-certs-only.der"])
    func uploadsInPEMDERAndPKCS7StoreTheFirstCertificate(_ path: String) throws {
        let world = try TestWorld()
        let service = CertificateService(store: world.store, clock: world.clock)
        let stored = try service.upload(fixture(path), usageType: "ENCRYPTION", in: world.environmentA.id)
        #expect(stored.name == "leaf.example.com")
        #expect(stored.usageType == .encryption)
        #expect(stored.signatureAlgorithm == .sha256WithRSA)
        #expect(try service.get(stored.id, in: world.environmentA.id) == stored)
        #expect(throws: CoreError.notFound(resource: "Certificate", id: stored.id.uuidString.lowercased())) {
            try service.get(stored.id, in: world.environmentB.id)
        }
        #expect(try service.list(in: world.environmentA.id).count == 1)
        try service.delete(stored.id, in: world.environmentA.id)
        #expect(try service.list(in: world.environmentA.id).count == 0)
    }

    @Test func expiredOrNotYetValidCertificatesAreRefused() throws {
        let world = try TestWorld()
        let service = CertificateService(store: world.store, clock: world.clock)
        #expect(
            performing: {
                try service.upload(fixture("certs/expired.pem"), usageType: "SIGNING", in: world.environmentA.id)
            },
            throws: invalid("file", containing: "expired")
        )
        #expect(
            performing: {
                try service.upload(fixture("certs/not-yet-valid.pem"), usageType: "SIGNING", in: world.environmentA.id)
            },
            throws: invalid("file", containing: "not valid yet")
        )
    }

    @Test func uploadsHoldingAPrivateKeyOrNothingReadableAreRefused() throws {
        let world = try TestWorld()
        let service = CertificateService(store: world.store, clock: world.clock)
        let withKey = try fixture("certs/leaf.pem") + fixture("pem/rsa2048-pkcs8.pem")
        #expect(
            performing: {
                try service.upload(withKey, usageType: "SIGNING", in: world.environmentA.id)
            },
            throws: invalid("file", containing: "private key")
        )
        for path in ["broken/leaf-truncated.pem", "broken/empty.bin", "broken/random-4k.bin"] {
            #expect(
                performing: {
                    try service.upload(fixture(path), usageType: "SIGNING", in: world.environmentA.id)
                },
                throws: invalid("file")
            )
        }
        #expect(
            performing: {
                try service.upload(fixture("certs/leaf.pem"), usageType: "WHATEVER", in: world.environmentA.id)
            },
            throws: invalid("usageType")
        )
        #expect(try service.list(in: world.environmentA.id).count == 0)
    }
}
