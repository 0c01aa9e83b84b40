import Foundation
import KeywardCrypto
import Synchronization
import Testing

@testable import KeywardCore

/// A switch the tests turn on.
final class Switch: Sendable {
    private let state = Mutex(false)
    var isOn: Bool { state.withLock { $0 } }
    func turnOn() { state.withLock { $0 = true } }
}

/// A `ForwardingStoreWriter` that refuses audit events once `refuses` is on.
struct SwitchableAuditWriter: ForwardingStoreWriter {
    let base: any StoreWriter
    let refuses: Switch

    func insert(_ event: AuditEvent) throws {
        if refuses.isOn { throw StoreError.unavailable("the audit log refused the event") }
        try base.insert(event)
    }
}

/// The operations API caches key records and actors only until the store's next committed
/// change: a key deleted, revoked or given another usage type by any other path is refused by the
/// very next request, and every use still writes its own event.
@Suite struct CryptoOperationCacheTests {
    let world: TestWorld
    let operations: CryptoOperationService
    let key: Key

    init() throws {
        world = try TestWorld()
        operations = CryptoOperationService(store: world.store, clock: world.clock)
        key = try world.keys.create(TestWorld.keyRequest(), in: world.environmentA.id)
    }

    private func sign(_ message: [UInt8] = [1, 2, 3]) throws -> [UInt8] {
        try operations.sign(keyID: key.id, in: world.environmentA.id, algorithm: nil, input: .message(message))
            .signature
    }

    private func events(_ action: String) throws -> [AuditEvent] {
        try world.store.read { reader in
            try reader.auditEvents(
                AuditQuery(
                    environmentID: world.environmentA.id,
                    earliest: .distantPast,
                    criterion: .actionTypes([action]),
                    limit: 1000
                )
            )
        }.events
    }

    @Test func aDeletedKeyIsRefusedByTheNextRequest() throws {
        _ = try sign()
        #expect(operations.records.count == 1)
        try world.keys.delete(key.id, in: world.environmentA.id)
        #expect(throws: CoreError.notFound(resource: "Key", id: key.id.lowercaseString)) { try sign() }
    }

    @Test func aKeyRevokedThroughTheStoreIsRefusedByTheNextRequest() throws {
        _ = try sign()
        var revoked = key
        revoked.revokedAt = world.clock.nowToTheMillisecond.addingTimeInterval(-1)
        try world.store.write { try $0.update(revoked) }
        #expect(throws: CoreError.invalidValue(field: "key.id", reason: "is REVOKED and cannot be used")) {
            try sign()
        }
        #expect(try events("KEY.SIGNED").filter { $0.result.status == .failure }.count == 1)
    }

    @Test func aChangedUsageTypeAppliesToTheNextRequest() throws {
        _ = try sign()
        _ = try world.keys.update(key.id, in: world.environmentA.id, usageType: "ENCRYPTION")
        #expect(throws: CoreError.self) { try sign() }
        _ = try world.keys.update(key.id, in: world.environmentA.id, usageType: "SIGNING")
        #expect(try !sign().isEmpty)
    }

    @Test func everyUseWritesItsEventWhileTheRecordIsCached() throws {
        for index in 0..<5 { _ = try sign([UInt8(index)]) }
        let successes = try events("KEY.SIGNED").filter { $0.result.status == .success }
        #expect(successes.count == 5)
        #expect(operations.records.count == 1)
    }

    @Test func theEventNamesTheSHA256OfTheInputGivenAsMessageOrDigest() throws {
        let message = Array("a message".utf8)
        let digest = try DigestAlgorithm.sha256.hash(Array("another".utf8))
        _ = try sign(message)
        _ = try operations.sign(
            keyID: key.id,
            in: world.environmentA.id,
            algorithm: "SHA256withECDSA",
            input: .digest(digest)
        )
        let descriptions = try events("KEY.SIGNED").map(\.result.description)
        for input in [message, digest] {
            let hex = try DigestAlgorithm.sha256.hash(input).map { String(format: "%02x", $0) }.joined()
            #expect(descriptions.contains { $0.hasSuffix("input SHA-256 \(hex)") })
        }
    }

    @Test func aCachedKeyStillFailsClosedWhenItsEventCannotBeWritten() throws {
        let refuses = Switch()
        let store = WrappingStore(world.store) { SwitchableAuditWriter(base: $0, refuses: refuses) }
        let switchable = CryptoOperationService(store: store, clock: world.clock)
        _ = try switchable.sign(keyID: key.id, in: world.environmentA.id, algorithm: nil, input: .message([1]))
        refuses.turnOn()
        #expect(throws: CoreError.storeFailure("the audit log refused the event")) {
            try switchable.sign(keyID: key.id, in: world.environmentA.id, algorithm: nil, input: .message([1]))
        }
    }

    @Test func auditOnlyTransactionsLeaveTheChangeCountAndRefuseOtherChanges() throws {
        let before = try #require(world.store.changeCount)
        let event = AuditLog.event(
            .keySigned,
            .key(key),
            .success("test"),
            environmentID: key.environmentID,
            organizationID: key.organizationID,
            at: world.clock.now,
            actor: nil,
            context: nil
        )
        try world.store.writeAuditEvents(durability: .full) { try $0.insert(event) }
        #expect(world.store.changeCount == before)
        #expect(throws: StoreError.self) {
            try world.store.writeAuditEvents(durability: .full) { writer in
                try writer.deleteKey(id: key.id, environmentID: key.environmentID)
            }
        }
        #expect(try world.store.read { try $0.key(id: key.id, environmentID: key.environmentID) } != nil)
        #expect(world.store.changeCount == before)
        try world.store.write { _ in }
        #expect(try #require(world.store.changeCount) > before)
    }
}
