import Foundation
import KeywardCore
import KeywardCrypto
import Testing

@testable import KeywardStore

/// Keys and rotation policies through `SQLiteStore`.
@Suite struct KeyRecordsTests {
    private static func isConstraintViolation(_ error: any Error) -> Bool {
        guard case StoreError.constraintViolation = error else { return false }
        return true
    }

    @Test func aKeyRoundTripsEveryFieldIncludingATwentyByteSerialAndItsTrustChain() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let (_, environment) = try Sample.tenant(in: store)
        let privateKey = try PrivateKey.generate(.rsa2048)
        let key = try Sample.key(in: environment, spec: .rsa2048, usageType: .sslTLS, isDefault: true)
        #expect(key.serialNumber.bytes.count == 20)
        try store.write { try $0.insert(key, privateKey: privateKey) }

        let read = try store.read { try $0.key(id: key.id, environmentID: environment.id) }
        #expect(read == key)
        #expect(read?.trustChain == [Sample.pem("org"), Sample.pem("root")])
        let opened = try store.read { try $0.privateKey(recordID: key.id) }
        #expect(try opened?.pkcs8DER() == privateKey.pkcs8DER())
    }

    @Test func aKeyWithoutOptionalFieldsReadsBackNilAndAnEmptyChain() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let (_, environment) = try Sample.tenant(in: store)
        var key = try Sample.key(in: environment)
        key.customCRL = nil
        key.revokedAt = nil
        key.trustChain = []
        key.serialNumber = try SerialNumber(bytes: [0x01])
        try store.write { try $0.insert(key, privateKey: Sample.sharedKey) }
        #expect(try store.read { try $0.key(id: key.id, environmentID: environment.id) } == key)
    }

    @Test func updatingAKeyChangesEverythingButIdentityOwnersCreationAndThePrivateKey() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let (_, environment) = try Sample.tenant(in: store)
        let privateKey = try PrivateKey.generate(.p256)
        let key = try Sample.key(in: environment)
        try store.write { try $0.insert(key, privateKey: privateKey) }
        var changed = try Sample.key(in: environment, id: key.id, spec: .p384, usageType: .issuance, isDefault: true)
        changed.name = "renamed"
        changed.customCRL = nil
        changed.revokedAt = nil
        changed.trustChain = [Sample.pem("other")]
        changed.serialNumber = try SerialNumber(bytes: [0x42, 0x42])
        changed.organizationID = UUID()
        changed.createdAt = Sample.updated

        try store.write { try $0.update(changed) }

        var expected = changed
        expected.organizationID = key.organizationID
        expected.createdAt = key.createdAt
        #expect(try store.read { try $0.key(id: key.id, environmentID: environment.id) } == expected)
        #expect(try store.read { try $0.privateKey(recordID: key.id) }?.pkcs8DER() == privateKey.pkcs8DER())
    }

    @Test func deletingAKeyRemovesItAndItsPrivateKey() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let (_, environment) = try Sample.tenant(in: store)
        let key = try Sample.key(in: environment)
        try store.write { try $0.insert(key, privateKey: Sample.sharedKey) }

        try store.write { try $0.deleteKey(id: key.id, environmentID: environment.id) }

        #expect(try store.read { try $0.key(id: key.id, environmentID: environment.id) } == nil)
        #expect(try store.read { try $0.privateKey(recordID: key.id) } == nil)
        #expect(throws: StoreError.constraintViolation("no key with this id in this environment")) {
            try store.write { try $0.deleteKey(id: key.id, environmentID: environment.id) }
        }
    }

    @Test func aKeyOfAnotherEnvironmentIsAbsent() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let (_, environmentA) = try Sample.tenant(in: store, environmentName: "A")
        let (_, environmentB) = try Sample.tenant(in: store, environmentName: "B")
        let key = try Sample.key(in: environmentA, usageType: .signing, isDefault: true)
        try store.write { try $0.insert(key, privateKey: Sample.sharedKey) }

        try store.read { reader throws in
            #expect(try reader.key(id: key.id, environmentID: environmentB.id) == nil)
            #expect(try reader.keys(environmentID: environmentB.id, after: nil, limit: 10).items.isEmpty)
            #expect(try reader.keyCount(environmentID: environmentB.id) == 0)
            #expect(try reader.defaultKey(environmentID: environmentB.id, usageType: .signing) == nil)
            #expect(try reader.key(id: key.id, environmentID: environmentA.id) == key)
        }
        #expect(throws: StoreError.constraintViolation("no key with this id in this environment")) {
            try store.write { try $0.deleteKey(id: key.id, environmentID: environmentB.id) }
        }
        var moved = key
        moved.environmentID = environmentB.id
        #expect(throws: StoreError.constraintViolation("no key with this id in this environment")) {
            try store.write { try $0.update(moved) }
        }
        #expect(try store.read { try $0.key(id: key.id, environmentID: environmentA.id) } == key)
    }

    @Test func aSecondDefaultKeyForTheSameUsageTypeIsAConstraintViolation() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let (_, environment) = try Sample.tenant(in: store)
        let (_, otherEnvironment) = try Sample.tenant(in: store)
        let first = try Sample.key(in: environment, usageType: .signing, isDefault: true)
        try store.write { writer in
            try writer.insert(first, privateKey: Sample.sharedKey)
            try writer.insert(
                try Sample.key(in: environment, usageType: .encryption, isDefault: true),
                privateKey: Sample.sharedKey
            )
            try writer.insert(
                try Sample.key(in: environment, usageType: .signing, isDefault: false),
                privateKey: Sample.sharedKey
            )
            try writer.insert(
                try Sample.key(in: otherEnvironment, usageType: .signing, isDefault: true),
                privateKey: Sample.sharedKey
            )
        }
        let second = try Sample.key(in: environment, usageType: .signing, isDefault: true)
        #expect(
            throws: StoreError.constraintViolation("UNIQUE constraint failed: keys.environment_id, keys.usage_type")
        ) {
            try store.write { try $0.insert(second, privateKey: Sample.sharedKey) }
        }
        var promoted = try #require(
            try store.read { try $0.keys(environmentID: environment.id, after: nil, limit: 10) }.items.first {
                !$0.isDefault
            }
        )
        promoted.isDefault = true
        #expect(performing: { try store.write { try $0.update(promoted) } }, throws: Self.isConstraintViolation)
        #expect(try store.read { try $0.defaultKey(environmentID: environment.id, usageType: .signing) } == first)
        #expect(try store.read { try $0.keyCount(environmentID: environment.id) } == 3)
    }

    @Test func theDefaultKeyMovesWhenTheOldOneIsClearedFirstInOneTransaction() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let (_, environment) = try Sample.tenant(in: store)
        var old = try Sample.key(in: environment, isDefault: true)
        var new = try Sample.key(in: environment, isDefault: false)
        try store.write { writer in
            try writer.insert(old, privateKey: Sample.sharedKey)
            try writer.insert(new, privateKey: Sample.sharedKey)
        }
        old.isDefault = false
        new.isDefault = true
        try store.write { writer in
            try writer.update(old)
            try writer.update(new)
        }
        #expect(try store.read { try $0.defaultKey(environmentID: environment.id, usageType: .signing) } == new)
    }

    @Test func aRotationPolicyRoundTripsWithAndWithoutItsOptionalFields() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let (_, environment) = try Sample.tenant(in: store)
        let full = Sample.rotationPolicy(in: environment)
        let bare = RotationPolicy(
            id: UUID(),
            environmentID: environment.id,
            name: "Second",
            isDefault: false,
            dn: "CN=Second",
            createdAt: Sample.updated
        )
        try store.write { writer in
            try writer.insert(bare)
            try writer.insert(full)
        }
        #expect(try store.read { try $0.rotationPolicies(environmentID: environment.id) } == [full, bare])
        #expect(try store.read { try $0.rotationPolicies(environmentID: UUID()) } == [])
    }

    @Test func deletingAnEnvironmentDeletesItsKeysPoliciesAndPrivateKeys() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let (organization, environment) = try Sample.tenant(in: store)
        let (_, kept) = try Sample.tenant(in: store)
        let key = try Sample.key(in: environment)
        let keptKey = try Sample.key(in: kept)
        try store.write { writer in
            try writer.insert(key, privateKey: Sample.sharedKey)
            try writer.insert(keptKey, privateKey: Sample.sharedKey)
            try writer.insert(Sample.rotationPolicy(in: environment))
        }

        try store.write { try $0.deleteEnvironment(id: environment.id) }

        try store.read { reader throws in
            #expect(try reader.environment(id: environment.id) == nil)
            #expect(try reader.keyCount(environmentID: environment.id) == 0)
            #expect(try reader.rotationPolicies(environmentID: environment.id).isEmpty)
            #expect(try reader.privateKey(recordID: key.id) == nil)
            #expect(try reader.organization(id: organization.id) != nil)
            #expect(try reader.key(id: keptKey.id, environmentID: kept.id) == keptKey)
        }
        let orphans = try database.rawConnection().query(
            "SELECT count(*) FROM keys WHERE environment_id = ?",
            [.uuid(environment.id)]
        ) {
            row throws(StoreError) in try row.int()
        }
        #expect(orphans == [0])
    }
}
