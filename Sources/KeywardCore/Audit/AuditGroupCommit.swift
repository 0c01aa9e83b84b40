import Dispatch
import Synchronization

/// Commits the audit events of concurrent requests together, one store transaction (one
/// `fsync`) per group, so that private-key operations are not limited to one disk flush each.
///
/// Every caller still waits until the transaction holding its event has committed, and learns
/// whether it failed: the event is as durable, and the result as fail-closed, as with a
/// transaction of its own. One caller at a time leads: it takes the queued events (its own
/// first, up to `maximumGroup`), writes them in one transaction and wakes their callers; if
/// more are queued, it hands the lead to the oldest of them, so no request serves others for
/// longer than one transaction. When a group's transaction fails, each of its events is retried
/// alone, so one bad event fails only its own request. The transactions are audit-only
/// (`Store.writeAuditEvents`): they cannot change a record, so they leave the store's
/// `changeCount`, and the record caches it validates, as they are.
final class AuditGroupCommit: Sendable {
    /// Writes one event with the transaction's writer.
    typealias Write = @Sendable (any StoreWriter) throws -> Void

    private enum Outcome: Sendable {
        case waiting
        case lead
        case done(CoreError?)
    }

    private final class Ticket: Sendable {
        let write: Write
        let wake = DispatchSemaphore(value: 0)
        let outcome = Mutex<Outcome>(.waiting)

        init(_ write: @escaping Write) { self.write = write }
    }

    private struct Queue: ~Copyable {
        var pending: [Ticket] = []
        var leading = false
    }

    private let store: any Store
    private let queue = Mutex(Queue())
    private let maximumGroup: Int
    /// How far each group's commit reaches the disk before its callers are answered.
    private let durability: WriteDurability

    init(store: any Store, maximumGroup: Int = 256, durability: WriteDurability = .full) {
        self.store = store
        self.maximumGroup = maximumGroup
        self.durability = durability
    }

    /// Writes the event and returns once it is committed; throws if it could not be.
    func commit(_ write: @escaping Write) throws(CoreError) {
        let ticket = Ticket(write)
        let leads = queue.withLock { queue -> Bool in
            queue.pending.append(ticket)
            guard !queue.leading else { return false }
            queue.leading = true
            return true
        }
        if !leads { ticket.wake.wait() }
        if case .lead = ticket.outcome.withLock({ $0 }) {
            lead()
        } else if leads {
            lead()
        }
        if case .done(let error) = ticket.outcome.withLock({ $0 }), let error { throw error }
    }

    /// Writes one group, wakes its callers, and passes the lead on (or ends it).
    private func lead() {
        let group = queue.withLock { queue -> [Ticket] in
            let group = Array(queue.pending.prefix(maximumGroup))
            queue.pending.removeFirst(group.count)
            return group
        }
        let outcomes = write(group)
        for (ticket, error) in zip(group, outcomes) {
            ticket.outcome.withLock { $0 = .done(error) }
        }
        let next = queue.withLock { queue -> Ticket? in
            guard let next = queue.pending.first else {
                queue.leading = false
                return nil
            }
            return next
        }
        if let next {
            next.outcome.withLock { $0 = .lead }
            next.wake.signal()
        }
        // The leader is group[0]; it is not waiting, everyone else is.
        for ticket in group.dropFirst() { ticket.wake.signal() }
    }

    /// The error of each event of `group`: all in one transaction, or one by one if that fails.
    private func write(_ group: [Ticket]) -> [CoreError?] {
        do throws(CoreError) {
            try StoreAccess.translate {
                try store.writeAuditEvents(durability: durability) { writer in
                    for ticket in group { try ticket.write(writer) }
                }
            }
            return group.map { _ in nil }
        } catch {
            return group.map { ticket in
                do throws(CoreError) {
                    try StoreAccess.translate {
                        try store.writeAuditEvents(durability: durability) { try ticket.write($0) }
                    }
                    return nil
                } catch {
                    return error
                }
            }
        }
    }
}
