import Dispatch
import Foundation
import Synchronization
import Testing

@testable import KeywardCore

/// Many threads committing at once: every event is stored exactly once, and every caller
/// returns only after the transaction holding its event has committed.
@Suite struct AuditGroupCommitConcurrencyTests {
    @Test(arguments: [WriteDurability.full, .process])
    func everyEventOnceAndEveryAnswerAfterItsCommit(durability: WriteDurability) throws {
        let world = try TestWorld()
        let key = try world.keys.create(TestWorld.keyRequest(), in: world.environmentA.id)
        let store = world.store
        let now = world.clock.now
        let group = AuditGroupCommit(store: world.store, maximumGroup: 8, durability: durability)
        let uncommitted = Mutex<[Int]>([])
        let failures = Mutex<[Int]>([])
        let count = 256
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let event = AuditLog.event(
                .keySigned,
                .key(key),
                .success("event \(index)"),
                environmentID: key.environmentID,
                organizationID: key.organizationID,
                at: now,
                actor: nil,
                context: nil
            )
            do {
                try group.commit { writer in try writer.insert(event) }
                // Committed means a reader (another connection) sees it now.
                let stored = try store.read { try $0.auditEvent(id: event.id, environmentID: key.environmentID) }
                if stored == nil { uncommitted.withLock { $0.append(index) } }
            } catch {
                failures.withLock { $0.append(index) }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        #expect(uncommitted.withLock { $0 }.isEmpty)
        let events = try world.store.read { reader in
            try reader.auditEvents(
                AuditQuery(
                    environmentID: world.environmentA.id,
                    earliest: .distantPast,
                    criterion: .actionTypes(["KEY.SIGNED"]),
                    limit: 1000
                )
            )
        }.events
        #expect(events.count == count)
        #expect(Set(events.map(\.result.description)).count == count)
    }
}
