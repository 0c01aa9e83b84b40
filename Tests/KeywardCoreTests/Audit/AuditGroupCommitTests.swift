import Dispatch
import Foundation
import Synchronization
import Testing

@testable import KeywardCore

/// Events of concurrent callers share transactions, yet each caller returns only once its own
/// event is committed and learns only its own failure.
@Suite struct AuditGroupCommitTests {
    @Test func concurrentEventsAreAllCommittedAndOneFailureStaysItsOwn() throws {
        let world = try TestWorld()
        let key = try world.keys.create(TestWorld.keyRequest(), in: world.environmentA.id)
        let group = AuditGroupCommit(store: world.store, maximumGroup: 8)
        let now = world.clock.now
        let failures = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 64) { index in
            do {
                try group.commit { writer in
                    if index == 17 { throw StoreError.unavailable("event 17 refused") }
                    try AuditLog.record(.keySigned, key: key, "event \(index)", at: now, in: writer)
                }
            } catch {
                failures.withLock { $0.append(index) }
            }
        }
        #expect(failures.withLock { $0 } == [17])
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
        #expect(events.count == 63)
        #expect(!events.contains { $0.result.description == "event 17" })
    }
}
