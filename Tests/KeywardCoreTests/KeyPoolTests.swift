import Dispatch
import Foundation
import KeywardCore
import KeywardCrypto
import KeywardStore
import Synchronization
import Testing

@Suite struct KeyPoolTests {
    final class Taken: Sendable {
        let keys = Mutex<[[UInt8]]>([])
        let failures = Mutex(0)
    }

    @Test func eachPooledKeyIsHandedOutExactlyOnceToManyConcurrentTakers() throws {
        let world = try TestWorld()
        let pool = KeyPool(store: world.store, targets: [.p256: 40])
        try pool.fillNow()
        #expect(try world.store.read { try $0.pooledKeyCount(spec: .p256) } == 40)
        pool.stop()  // no refill during the race: every take below must come from the 40
        let taken = Taken()
        let store = world.store
        DispatchQueue.concurrentPerform(iterations: 40) { _ in
            do {
                let key = try store.write { try $0.takePooledKey(spec: .p256) }
                guard let key else { return taken.failures.withLock { $0 += 1 } }
                let der = try key.pkcs8DER()
                taken.keys.withLock { $0.append(der) }
            } catch {
                taken.failures.withLock { $0 += 1 }
            }
        }
        let keys = taken.keys.withLock { $0 }
        #expect(taken.failures.withLock { $0 } == 0)
        #expect(keys.count == 40)
        #expect(Set(keys).count == 40)
        #expect(try world.store.read { try $0.pooledKeyCount(spec: .p256) } == 0)
        #expect(try world.store.write { try $0.takePooledKey(spec: .p256) } == nil)
    }

    @Test func createdKeysComeFromThePoolAndThePoolRefillsItself() throws {
        let world = try TestWorld()
        let pool = KeyPool(store: world.store, targets: [.rsa2048: 3])
        try pool.fillNow()
        let pooled = try world.store.read { reader in try reader.pooledKeyCount(spec: .rsa2048) }
        #expect(pooled == 3)
        let service = KeyService(store: world.store, clock: world.clock, keys: pool)
        let request = TestWorld.keyRequest(algorithm: "RSA", keyLength: 2048, signatureAlgorithm: "SHA256withRSA")
        let key = try service.create(request, in: world.environmentA.id)
        let privateKey = try #require(try world.store.read { try $0.privateKey(recordID: key.id) })
        #expect(privateKey.matches(try Certificate(parsing: key.certificateDER)))
        // The take scheduled a refill in the background; wait for it, bounded.
        var count = 0
        for _ in 0..<100 {
            count = try world.store.read { try $0.pooledKeyCount(spec: .rsa2048) }
            if count == 3 { break }
            usleep(100_000)
        }
        pool.stop()
        #expect(count == 3)
    }

    @Test func thePoolSurvivesARestartOfTheStore() throws {
        let world = try TestWorld()
        try KeyPool(store: world.store, targets: [.p384: 2]).fillNow()
        let reopened = try SQLiteStore(
            path: world.directory.appendingPathComponent("keyward.db").path,
            masterKey: try MasterKey.load(dataDirectory: world.directory.path)
        )
        #expect(try reopened.read { try $0.pooledKeyCount(spec: .p384) } == 2)
        let key = try #require(try reopened.write { try $0.takePooledKey(spec: .p384) })
        #expect(key.spec == .p384)
    }

    @Test func aTargetOfZeroTurnsPoolingOffAndKeysAreGeneratedOnDemand() throws {
        let world = try TestWorld()
        let pool = KeyPool(store: world.store, targets: [.p256: 0, .p521: 1])
        try pool.fillNow()
        #expect(try world.store.read { try $0.pooledKeyCount(spec: .p256) } == 0)
        #expect(try world.store.read { try $0.pooledKeyCount(spec: .p521) } == 1)
        let key = try pool.makeKey(.p256)
        #expect(key.spec == .p256)
        pool.stop()
        #expect(try world.store.read { try $0.pooledKeyCount(spec: .p256) } == 0)
    }
}
