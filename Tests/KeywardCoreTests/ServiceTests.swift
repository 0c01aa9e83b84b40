import Foundation
import KeywardCore
import KeywardCrypto
import KeywardStore
import Testing

@Suite struct InstallationAndTenantTests {
    @Test func environmentDefaultKeyChainsThroughTheOrganizationCAToTheInstallationRoot() throws {
        let world = try TestWorld()
        let page = try world.keys.list(in: world.environmentA.id).page
        let defaultKey = try world.defaultKey(in: world.environmentA)
        // The default key, and the current and next keys of the default rotation policy.
        #expect(page.items.count == TestWorld.keysPerNewEnvironment)
        #expect(page.items.filter { $0.rotationPolicyID == nil } == [defaultKey])
        #expect(defaultKey.isDefault)
        #expect(defaultKey.usageType == .signing)
        #expect(defaultKey.algorithm == .rsa && defaultKey.keyLength == 2048)
        #expect(defaultKey.signatureAlgorithm == .sha256WithRSA)
        #expect(defaultKey.validityPeriod == 365)
        #expect(defaultKey.issuerDN == "CN=Default-Example Corp")
        #expect(defaultKey.trustChain.count == 2)
        let leaf = try Certificate(parsing: defaultKey.certificateDER)
        let organizationCA = try Certificate(parsing: world.organization.certificateDER)
        let root = try #require(try world.store.read { try $0.installationRoot() })
        let path = try ChainVerifier.verify(
            leaf,
            anchors: [try Certificate(parsing: root.certificateDER)],
            intermediates: [organizationCA],
            at: world.clock.now
        )
        #expect(path.count == 3)
        #expect(organizationCA.basicConstraints == .certificateAuthority(pathLength: 0))
        let privateKey = try #require(try world.store.read { try $0.privateKey(recordID: defaultKey.id) })
        #expect(privateKey.matches(leaf))
    }

    @Test func environmentGetsItsDefaultRotationPolicyRecord() throws {
        let world = try TestWorld()
        let policies = try world.store.read { try $0.rotationPolicies(environmentID: world.environmentA.id) }
        #expect(policies.count == 1)
        #expect(policies.first?.isDefault == true)
        #expect(policies.first?.rotationPeriod == 90)
        #expect(policies.first?.validityPeriod == 365)
    }

    @Test func secondInitialisationConflicts() throws {
        let world = try TestWorld()
        #expect(throws: CoreError.conflict(reason: "the installation is already initialised")) {
            try InstallationService(store: world.store).initialise()
        }
    }

    @Test func duplicateOrganizationAndEnvironmentNamesConflict() throws {
        let world = try TestWorld()
        #expect(throws: CoreError.self) { try world.organizations.create(name: "Example Corp") }
        #expect(throws: CoreError.self) {
            try world.environments.create(EnvironmentRequest(name: "Staging"), in: world.organization.id)
        }
    }

    @Test func environmentInAnUnknownOrganizationIsNotFound() throws {
        let world = try TestWorld()
        let unknown = UUID()
        #expect(throws: CoreError.notFound(resource: "Organization", id: unknown.uuidString.lowercased())) {
            try world.environments.create(EnvironmentRequest(name: "X"), in: unknown)
        }
    }

    @Test func deletingAnEnvironmentDeletesItsKeysAndTheirPrivateKeys() throws {
        let world = try TestWorld()
        let key = try world.keys.create(TestWorld.keyRequest(), in: world.environmentA.id)
        try world.environments.delete(world.environmentA.id)
        #expect(throws: CoreError.self) { try world.environments.get(world.environmentA.id) }
        #expect(try world.store.read { try $0.privateKey(recordID: key.id) } == nil)
        #expect(try world.keys.list(in: world.environmentB.id).page.items.count == TestWorld.keysPerNewEnvironment)
    }
}

@Suite struct KeyServiceTests {
    @Test func keyOfAnotherEnvironmentIsNotFound() throws {
        let world = try TestWorld()
        let key = try world.keys.create(TestWorld.keyRequest(), in: world.environmentA.id)
        #expect(throws: CoreError.notFound(resource: "Key", id: key.id.uuidString.lowercased())) {
            try world.keys.get(key.id, in: world.environmentB.id)
        }
        #expect(throws: CoreError.self) { try world.keys.delete(key.id, in: world.environmentB.id) }
        #expect(throws: CoreError.self) { try world.keys.update(key.id, in: world.environmentB.id, isDefault: true) }
        #expect(try world.keys.get(key.id, in: world.environmentA.id) == key)
    }

    @Test(arguments: KeySpec.allCases.filter { $0 != .rsa7680 && $0 != .rsa4096 })
    func generatedKeyMatchesItsSelfSignedCertificate(_ spec: KeySpec) throws {
        let world = try TestWorld()
        let request = TestWorld.keyRequest(
            algorithm: spec.algorithm.rawValue,
            keyLength: spec.keyLength,
            signatureAlgorithm: spec.algorithm == .rsa ? "SHA256withRSA" : "SHA256withECDSA"
        )
        let key = try world.keys.create(request, in: world.environmentA.id)
        let certificate = try Certificate(parsing: key.certificateDER)
        #expect(certificate.isSigned(by: certificate))
        #expect(key.issuerDN == key.subjectDN)
        #expect(key.subjectDN == "CN=Partner signing key, OU=Platform, O=Example Corp, L=, ST=, C=US")
        #expect(try certificate.serialNumber == key.serialNumber)
        #expect(key.startsAt == certificate.notBefore && key.expiresAt == certificate.notAfter)
        let privateKey = try #require(try world.store.read { try $0.privateKey(recordID: key.id) })
        #expect(privateKey.matches(certificate))
        #expect(privateKey.spec == spec)
    }

    @Test func keyNamingTheOrganizationCAAsIssuerIsSignedByIt() throws {
        let world = try TestWorld()
        let request = TestWorld.keyRequest(usageType: "SSL/TLS", issuerDN: "CN=Default-Example Corp")
        let key = try world.keys.create(request, in: world.environmentA.id)
        let certificate = try Certificate(parsing: key.certificateDER)
        #expect(certificate.isSigned(by: try Certificate(parsing: world.organization.certificateDER)))
        #expect(key.trustChain.count == 2)
        #expect(certificate.extendedKeyUsageOIDs == [ExtendedKeyUsage.serverAuth.objectIdentifier])
        #expect(key.signatureAlgorithm == .sha256WithRSA)
        #expect(certificate.signatureAlgorithm == .sha256WithRSA)
        #expect(key.algorithm == .ec)
    }

    @Test func makingAKeyDefaultClearsThePreviousDefaultOfItsUsageType() throws {
        let world = try TestWorld()
        let original = try world.defaultKey(in: world.environmentA)
        let replacement = try world.keys.create(TestWorld.keyRequest(isDefault: true), in: world.environmentA.id)
        #expect(try world.keys.get(original.id, in: world.environmentA.id).isDefault == false)
        #expect(try world.keys.get(replacement.id, in: world.environmentA.id).isDefault)
        let encryption = try world.keys.create(
            TestWorld.keyRequest(
                algorithm: "RSA",
                keyLength: 2048,
                signatureAlgorithm: "SHA256withRSA",
                usageType: "ENCRYPTION"
            ),
            in: world.environmentA.id
        )
        _ = try world.keys.update(encryption.id, in: world.environmentA.id, isDefault: true)
        #expect(try world.keys.get(replacement.id, in: world.environmentA.id).isDefault)
        _ = try world.keys.update(original.id, in: world.environmentA.id, isDefault: true)
        #expect(try world.keys.get(replacement.id, in: world.environmentA.id).isDefault == false)
        #expect(try world.keys.get(encryption.id, in: world.environmentA.id).isDefault)
    }

    @Test func statusIsDerivedFromTheClockAtReadTime() throws {
        let world = try TestWorld()
        let key = try world.keys.create(TestWorld.keyRequest(validityPeriod: 30), in: world.environmentA.id)
        #expect(key.status(at: world.clock.now) == .valid)
        world.clock.advance(by: 17 * 86400)
        #expect(try world.keys.get(key.id, in: world.environmentA.id).status(at: world.clock.now) == .expiring)
        world.clock.advance(by: 14 * 86400)
        #expect(try world.keys.get(key.id, in: world.environmentA.id).status(at: world.clock.now) == .expired)
    }

    @Test func expiredKeyRefusesUpdates() throws {
        let world = try TestWorld()
        let key = try world.keys.create(TestWorld.keyRequest(validityPeriod: 1), in: world.environmentA.id)
        world.clock.advance(by: 2 * 86400)
        #expect {
            try world.keys.update(key.id, in: world.environmentA.id, isDefault: true)
        } throws: { error in
            guard case CoreError.invalidValue(field: "status", _) = error else { return false }
            return true
        }
        #expect(try world.keys.get(key.id, in: world.environmentA.id).isDefault == false)
    }

    @Test func listingPagesByCursorUntilTheEnd() throws {
        let world = try TestWorld()
        var created: [UUID] = []
        for _ in 0..<22 { created.append(try world.keys.create(TestWorld.keyRequest(), in: world.environmentA.id).id) }
        let total = 22 + TestWorld.keysPerNewEnvironment
        var seen: [UUID] = []
        var cursor: UUID?
        repeat {
            let (page, count) = try world.keys.list(in: world.environmentA.id, after: cursor, limit: 10)
            #expect(count == total)
            seen += page.items.map(\.id)
            cursor = page.nextCursor
        } while cursor != nil
        #expect(seen.count == total)
        #expect(Set(seen).count == total)
        #expect(seen == seen.sorted { $0.lowercaseString < $1.lowercaseString })
        for id in created.prefix(5) { try world.keys.delete(id, in: world.environmentA.id) }
        #expect(try world.keys.list(in: world.environmentA.id).count == total - 5)
        #expect(try world.keys.list(in: world.environmentB.id).count == TestWorld.keysPerNewEnvironment)
        #expect(throws: CoreError.self) { try world.keys.list(in: world.environmentA.id, limit: 0) }
    }

    @Test func invalidRequestStoresNothing() throws {
        let world = try TestWorld()
        #expect(throws: CoreError.self) {
            try world.keys.create(TestWorld.keyRequest(keyLength: 2048), in: world.environmentA.id)
        }
        #expect(try world.keys.list(in: world.environmentA.id).count == TestWorld.keysPerNewEnvironment)
    }
}
