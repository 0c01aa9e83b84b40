import Foundation
import KeywardCore
import KeywardCrypto
import Testing

@testable import KeywardStore

/// What `read` and `write` promise: all or nothing, one snapshot, no writes in a read.
@Suite struct TransactionTests {
    private struct Abandoned: Error, Equatable {}

    @Test func aWriteBodyThatThrowsLeavesNothingBehind() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let organization = Sample.organization()
        let environment = Sample.environment(in: organization)
        let key = try Sample.key(in: environment)
        #expect(throws: Abandoned()) {
            try store.write { writer in
                try writer.insert(organization, privateKey: Sample.sharedKey)
                try writer.insert(environment)
                try writer.insert(key, privateKey: Sample.sharedKey)
                try writer.insert(Sample.rotationPolicy(in: environment))
                try writer.insertPooledKey(Sample.sharedKey, spec: .p256, id: UUID(), createdAt: Sample.created)
                throw Abandoned()
            }
        }
        try store.read { reader throws in
            #expect(try reader.organizations().isEmpty)
            #expect(try reader.environment(id: environment.id) == nil)
            #expect(try reader.key(id: key.id, environmentID: environment.id) == nil)
            #expect(try reader.privateKey(recordID: organization.id) == nil)
            #expect(try reader.pooledKeyCount(spec: .p256) == 0)
        }
        // The writer is usable again: the failed transaction was rolled back, not left open.
        try store.write { try $0.insert(organization, privateKey: Sample.sharedKey) }
        #expect(try store.read { try $0.organizations() } == [organization])
    }

    @Test func aConstraintViolationInTheMiddleRollsBackTheWholeWrite() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let (_, environment) = try Sample.tenant(in: store)
        let added = try Sample.key(in: environment)
        #expect(throws: StoreError.self) {
            try store.write { writer in
                try writer.insert(added, privateKey: Sample.sharedKey)
                try writer.insert(try Sample.key(in: environment, id: added.id), privateKey: Sample.sharedKey)
            }
        }
        #expect(try store.read { try $0.keyCount(environmentID: environment.id) } == 0)
    }

    @Test func aReadSeesOneSnapshotWhileAWriteCommits() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let (_, environment) = try Sample.tenant(in: store)
        let counts = try store.read { reader throws -> [Int] in
            let before = try reader.keyCount(environmentID: environment.id)
            try store.write { try $0.insert(try Sample.key(in: environment), privateKey: Sample.sharedKey) }
            return [before, try reader.keyCount(environmentID: environment.id)]
        }
        #expect(counts == [0, 0])
        #expect(try store.read { try $0.keyCount(environmentID: environment.id) } == 1)
    }

    @Test func aReadTransactionRefusesWrites() throws {
        let database = try TestDatabase()
        let store = try database.open()
        #expect(throws: StoreError.unavailable("a write was attempted in a read transaction")) {
            try store.read { reader in
                try (reader as? any StoreWriter)?.insert(Sample.organization(), privateKey: Sample.sharedKey)
            }
        }
        #expect(try store.read { try $0.organizations() }.isEmpty)
    }

    @Test func aTransactionKeptAfterItsBodyReturnedRefusesEveryCall() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let escapedReader = try store.read { $0 }
        let escapedWriter = try store.write { $0 }
        #expect(throws: StoreError.unavailable("a store transaction was used after it ended")) {
            try escapedReader.organizations()
        }
        #expect(throws: StoreError.unavailable("a store transaction was used after it ended")) {
            try escapedWriter.insert(Sample.organization(), privateKey: Sample.sharedKey)
        }
    }

    @Test func pooledKeysAreTakenOldestFirstAndEachExactlyOnce() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let pooled = try (0..<3).map { _ in try PrivateKey.generate(.p256) }
        let rsa = try PrivateKey.generate(.rsa2048)
        try store.write { writer in
            for (offset, key) in pooled.enumerated().reversed() {
                try writer.insertPooledKey(
                    key,
                    spec: .p256,
                    id: UUID(),
                    createdAt: Sample.created.addingTimeInterval(Double(offset))
                )
            }
            try writer.insertPooledKey(rsa, spec: .rsa2048, id: UUID(), createdAt: Sample.created)
        }
        #expect(try store.read { try $0.pooledKeyCount(spec: .p256) } == 3)
        #expect(try store.read { try $0.pooledKeyCount(spec: .p384) } == 0)

        var taken: [[UInt8]] = []
        while let key = try store.write({ try $0.takePooledKey(spec: .p256) }) {
            taken.append(try key.pkcs8DER())
        }
        #expect(taken == (try pooled.map { try $0.pkcs8DER() }))
        #expect(try store.read { try $0.pooledKeyCount(spec: .p256) } == 0)
        #expect(try store.write { try $0.takePooledKey(spec: .rsa2048) }?.pkcs8DER() == rsa.pkcs8DER())
        #expect(try store.write { try $0.takePooledKey(spec: .rsa2048) } == nil)
    }

    @Test func aPooledKeyThatDoesNotOpenIsDiscardedAndTheNextOneIsTaken() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let broken = UUID()
        let good = try PrivateKey.generate(.p256)
        try store.write { writer in
            try writer.insertPooledKey(
                try PrivateKey.generate(.p256),
                spec: .p256,
                id: broken,
                createdAt: Sample.created
            )
            try writer.insertPooledKey(good, spec: .p256, id: UUID(), createdAt: Sample.created.addingTimeInterval(1))
        }
        try database.rawExecute(
            "UPDATE pooled_keys SET sealed_private_key = zeroblob(length(sealed_private_key)) WHERE id = '\(broken.uuidString.lowercased())'"
        )
        let taken = try store.write { try $0.takePooledKey(spec: .p256) }
        #expect(try taken?.pkcs8DER() == good.pkcs8DER())
        #expect(try store.read { try $0.pooledKeyCount(spec: .p256) } == 0)
    }
}
