import Foundation
import KeywardCore
import KeywardCrypto
import Testing

@Suite("Key rotation policies")
struct RotationPolicyServiceTests {
    static func request(
        name: String? = "Tenant token signing",
        dn: String? = "CN=Tenant token signing, OU=Platform, O=Example Corp, L=, ST=, C=US",
        algorithm: String? = "RSA",
        keyLength: Int? = 2048,
        signatureAlgorithm: String? = "SHA256withRSA",
        usageType: String? = "SIGNING",
        validityPeriod: Int? = 365,
        rotationPeriod: Int? = 120
    ) -> RotationPolicyRequest {
        RotationPolicyRequest(
            name: name,
            dn: dn,
            algorithm: algorithm,
            keyLength: keyLength,
            signatureAlgorithm: signatureAlgorithm,
            usageType: usageType,
            validityPeriod: validityPeriod,
            rotationPeriod: rotationPeriod
        )
    }

    static func policies(_ world: TestWorld) -> RotationPolicyService {
        RotationPolicyService(store: world.store, clock: world.clock)
    }

    @Test func everyEnvironmentStartsWithALiveDefaultPolicy() throws {
        let world = try TestWorld()
        let policies = try Self.policies(world).list(in: world.environmentA.id)
        let policy = try #require(policies.first)
        #expect(policies.count == 1)
        #expect(policy.isDefault && policy.isActive && policy.previousKeyID == nil)
        #expect(policy.rotatedAt == policy.createdAt)
        #expect(policy.nextRotationAt == policy.createdAt.addingTimeInterval(90 * 86400))
        let current = try world.keys.get(try #require(policy.currentKeyID), in: world.environmentA.id)
        #expect(current.rotationPolicyID == policy.id)
        #expect(current.subjectDN == policy.dn && current.issuerDN == policy.dn)
        #expect(current.algorithm == .rsa && current.keyLength == 2048 && current.usageType == .signing)
        let certificate = try Certificate(parsing: current.certificateDER)
        #expect(certificate.isSigned(by: certificate))
        #expect(current.expiresAt.timeIntervalSince(current.startsAt) == 365 * 86400)
    }

    @Test func createMakesCurrentAndNextKeysWithTimeOrderedIds() throws {
        let world = try TestWorld()
        let service = Self.policies(world)
        let policy = try service.create(Self.request(), in: world.environmentA.id)
        let current = try #require(policy.currentKeyID)
        let next = try #require(policy.nextKeyID)
        #expect(policy.isDefault == false && policy.rotationPeriod == 120)
        #expect(current.lowercaseString < next.lowercaseString)
        #expect(current.uuidString.dropFirst(14).hasPrefix("7"))  // version 7
        #expect(try service.get(policy.id, in: world.environmentA.id) == policy)
        #expect(throws: CoreError.self) { try service.get(policy.id, in: world.environmentB.id) }
        #expect(try world.keys.list(in: world.environmentA.id).count == TestWorld.keysPerNewEnvironment + 2)
    }

    @Test(
        arguments: [
            (request(name: nil), "name"), (request(name: " "), "name"), (request(dn: nil), "dn"),
            (request(dn: "not a dn"), "dn"), (request(dn: "O=No common name"), "dn"),
            (request(algorithm: "EC"), "algorithm"), (request(algorithm: nil), "algorithm"),
            (request(keyLength: 1024), "keyLength"), (request(keyLength: 256), "keyLength"),
            (request(signatureAlgorithm: "SHA384withRSA"), "signatureAlgorithm"),
            (request(usageType: "ENCRYPTION"), "usageType"), (request(validityPeriod: 0), "validityPeriod"),
            (request(rotationPeriod: 29), "rotationPeriod"), (request(rotationPeriod: 365), "rotationPeriod"),
            (request(validityPeriod: 40, rotationPeriod: 40), "rotationPeriod"),
        ]
    )
    func invalidSpecsAreRefusedByField(_ request: RotationPolicyRequest, field: String) throws {
        #expect {
            try request.validate()
        } throws: { error in
            switch error as? CoreError {
            case .invalidValue(let named, _)?, .missingValue(let named)?: named == field
            default: false
            }
        }
    }

    @Test func anInvalidSpecStoresNothing() throws {
        let world = try TestWorld()
        let service = Self.policies(world)
        #expect(throws: CoreError.self) {
            try service.create(Self.request(rotationPeriod: 400), in: world.environmentA.id)
        }
        #expect(try service.list(in: world.environmentA.id).count == 1)
        #expect(try world.keys.list(in: world.environmentA.id).count == TestWorld.keysPerNewEnvironment)
    }

    @Test func anEnvironmentHoldsAtMostFivePolicies() throws {
        let world = try TestWorld()
        let service = Self.policies(world)
        for index in 0..<4 { _ = try service.create(Self.request(name: "policy \(index)"), in: world.environmentA.id) }
        #expect(throws: CoreError.self) { try service.create(Self.request(name: "sixth"), in: world.environmentA.id) }
        #expect(try service.list(in: world.environmentA.id).count == 5)
    }

    @Test func aNewSpecAppliesToTheNextGeneratedKeyAndMovesTheSchedule() throws {
        let world = try TestWorld()
        let service = Self.policies(world)
        let policy = try service.create(Self.request(), in: world.environmentA.id)
        let updated = try service.update(
            policy.id,
            in: world.environmentA.id,
            with: Self.request(name: "renamed", keyLength: 3072, rotationPeriod: 60)
        )
        #expect(updated.currentKeyID == policy.currentKeyID && updated.nextKeyID == policy.nextKeyID)
        #expect(updated.nextRotationAt == policy.rotatedAt?.addingTimeInterval(60 * 86400))
        let rotated = try service.rotate(policy.id, in: world.environmentA.id)
        #expect(rotated.currentKeyID == policy.nextKeyID)
        let current = try world.keys.get(try #require(rotated.currentKeyID), in: world.environmentA.id)
        let next = try world.keys.get(try #require(rotated.nextKeyID), in: world.environmentA.id)
        #expect(current.keyLength == 2048)
        #expect(next.keyLength == 3072 && next.name.hasPrefix("renamed"))
    }

    @Test func manualRotationPublishesThePreviousKeyAndASecondRetiresIt() throws {
        let world = try TestWorld()
        let service = Self.policies(world)
        let policy = try service.create(Self.request(), in: world.environmentA.id)
        world.clock.advance(by: 60)
        let once = try service.rotate(policy.id, in: world.environmentA.id)
        #expect(once.previousKeyID == policy.currentKeyID)
        #expect(once.currentKeyID == policy.nextKeyID)
        #expect(once.previousRetiresAt == once.rotatedAt?.addingTimeInterval(service.schedule.previousKeyRetention))
        #expect(try service.publishedKeys(of: once, at: world.clock.now).map(\.id) == once.keyIDs)
        let twice = try service.rotate(policy.id, in: world.environmentA.id)
        #expect(twice.previousKeyID == once.currentKeyID)
        #expect(throws: CoreError.self) {
            try world.keys.get(try #require(policy.currentKeyID), in: world.environmentA.id)
        }
    }

    @Test func deletingTakesTheKeysButTheDefaultPolicyStays() throws {
        let world = try TestWorld()
        let service = Self.policies(world)
        let defaultPolicy = try #require(try service.list(in: world.environmentA.id).first)
        #expect(throws: CoreError.self) { try service.delete(defaultPolicy.id, in: world.environmentA.id) }
        let policy = try service.create(Self.request(), in: world.environmentA.id)
        #expect(throws: CoreError.self) { try service.delete(policy.id, in: world.environmentB.id) }
        try service.delete(policy.id, in: world.environmentA.id)
        for id in policy.keyIDs {
            #expect(try world.store.read { try $0.key(id: id, environmentID: world.environmentA.id) } == nil)
            #expect(try world.store.read { try $0.privateKey(recordID: id) } == nil)
        }
        #expect(try service.list(in: world.environmentA.id) == [defaultPolicy])
    }

    @Test func aPolicyRecordedWithoutKeysIsActivatedByTheNextTokenOrScheduledPass() throws {
        let world = try TestWorld()
        let service = Self.policies(world)
        // As an upgrade finds it: the default policy record of an older version, without keys.
        var legacy = try #require(try service.list(in: world.environmentA.id).first)
        try world.store.write { writer in
            for id in legacy.keyIDs { try writer.deleteKey(id: id, environmentID: world.environmentA.id) }
            legacy.currentKeyID = nil
            legacy.nextKeyID = nil
            legacy.nextRotationAt = nil
            try writer.update(legacy)
        }
        let work = try service.runDueWork()
        #expect(work.activated == 1 && work.rotated == 0)
        let active = try service.get(legacy.id, in: world.environmentA.id)
        #expect(active.isActive)
        #expect(try service.runDueWork() == RotationWork())
        let signer = try service.tokenSigner(in: world.environmentA.id)
        #expect(signer.key.id == active.currentKeyID)
    }
}
