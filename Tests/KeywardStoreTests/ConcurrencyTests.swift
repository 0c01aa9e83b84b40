import Foundation
import KeywardCore
import Synchronization
import Testing

@testable import KeywardStore

/// Readers on several threads while the single writer commits.
@Suite struct ConcurrencyTests {
    /// What the threads report back to the test.
    private final class Outcome: Sendable {
        let writerDone = Atomic<Bool>(false)
        let failures = Mutex<[String]>([])
        let readsPerThread = Mutex<[Int]>([])

        func fail(_ message: String) { failures.withLock { $0.append(message) } }
    }

    /// Starts `body` on a new thread; `group` is left when it ends.
    private func spawn(_ group: DispatchGroup, _ body: @escaping @Sendable () -> Void) {
        group.enter()
        let thread = Thread {
            body()
            group.leave()
        }
        thread.start()
    }

    @Test func fourReadersPageConsistentlyWhileAWriterInsertsTwoHundredKeys() throws {
        let database = try TestDatabase()
        let store = try database.open(readers: 4)
        let (_, environment) = try Sample.tenant(in: store)
        let keys = try (0..<200).map { _ in try Sample.key(in: environment) }
        let outcome = Outcome()
        let group = DispatchGroup()

        spawn(group) {
            defer { outcome.writerDone.store(true, ordering: .sequentiallyConsistent) }
            for key in keys {
                do {
                    try store.write { try $0.insert(key, privateKey: Sample.sharedKey) }
                } catch {
                    outcome.fail("insert: \(error)")
                }
            }
        }
        for _ in 0..<4 {
            spawn(group) {
                var reads = 0
                repeat {
                    do {
                        // Within one read, a full listing and the count must agree: one snapshot.
                        let (listed, count) = try store.read { reader throws -> (Int, Int) in
                            var listed = 0
                            var cursor: UUID?
                            repeat {
                                let page = try reader.keys(environmentID: environment.id, after: cursor, limit: 25)
                                listed += page.items.count
                                cursor = page.nextCursor
                            } while cursor != nil
                            return (listed, try reader.keyCount(environmentID: environment.id))
                        }
                        if listed != count { outcome.fail("listed \(listed) keys but counted \(count)") }
                        reads += 1
                    } catch {
                        outcome.fail("read: \(error)")
                    }
                } while !outcome.writerDone.load(ordering: .sequentiallyConsistent)
                outcome.readsPerThread.withLock { $0.append(reads) }
            }
        }
        group.wait()

        #expect(outcome.failures.withLock { $0 } == [])
        #expect(outcome.readsPerThread.withLock { $0.count } == 4)
        #expect(outcome.readsPerThread.withLock { $0.allSatisfy { $0 > 0 } })
        #expect(try store.read { try $0.keyCount(environmentID: environment.id) } == 200)
    }

    @Test func moreReadersThanConnectionsWaitTheirTurn() throws {
        let database = try TestDatabase()
        let store = try database.open(readers: 1)
        let (organization, _) = try Sample.tenant(in: store)
        let outcome = Outcome()
        let group = DispatchGroup()
        for _ in 0..<6 {
            spawn(group) {
                for _ in 0..<50 {
                    do {
                        if try store.read({ try $0.organization(id: organization.id) }) != organization {
                            outcome.fail("wrong organization")
                        }
                    } catch {
                        outcome.fail("read: \(error)")
                    }
                }
            }
        }
        group.wait()
        #expect(outcome.failures.withLock { $0 } == [])
    }
}
