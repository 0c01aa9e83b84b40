import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Records the operations API reads on every request (the key, the acting application), kept
/// with the store's `changeCount` read just before each was read: an entry is used only while
/// the count is still that number, so any committed change of any record (a deletion, a
/// revocation, a new usage type or name) reaches the next request at once.
///
/// The count is read before the record, never after: a change committed between the two reads
/// advances the count after its commit, so the entry (filed under the older count) is dropped at
/// the next look-up instead of serving what the read may have missed. A store without a count
/// (`nil`) caches nothing. `capacity` bounds the memory: when full, every entry is dropped.
final class RecordCache<ID: Hashable & Sendable, Record: Sendable>: Sendable {
    private struct Entry {
        let count: UInt64
        let record: Record
    }

    private let entries = Mutex<[ID: Entry]>([:])
    private let capacity: Int

    init(capacity: Int = 1000) {
        self.capacity = capacity
    }

    /// The record `id` as of `store`'s last committed change: the cached one while the store's
    /// count is unchanged, otherwise what `load` reads (then cached; `nil` drops the entry).
    func record(_ id: ID, in store: any Store, load: () throws(CoreError) -> Record?) throws(CoreError) -> Record? {
        guard let count = store.changeCount else { return try load() }
        if let entry = entries.withLock({ $0[id] }), entry.count == count { return entry.record }
        let record = try load()
        entries.withLock { entries in
            guard let record else {
                entries[id] = nil
                return
            }
            // Of two requests that read concurrently, the one that read at the newer count wins.
            if let existing = entries[id], existing.count > count { return }
            if entries.count >= capacity, entries[id] == nil { entries.removeAll(keepingCapacity: true) }
            entries[id] = Entry(count: count, record: record)
        }
        return record
    }

    /// How many records are held, for tests.
    var count: Int { entries.withLock { $0.count } }
}

/// A record id within its environment, the key of `RecordCache` for environment-scoped reads.
struct ScopedID: Hashable, Sendable {
    let environmentID: UUID
    let id: UUID
}
