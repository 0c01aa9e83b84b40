import KeywardCrypto
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Private keys opened from the store, kept for a short time so that a burst of signatures does
/// not unseal (AES-GCM + PKCS#8 parsing + RSA blinding set-up) the same key for every request.
///
/// Only the `PrivateKey` is kept here; the `Key` record every operation checks first comes from
/// `RecordCache`, valid only until the store's next committed change, so a deleted key is
/// refused at once (and its entry here dropped) and a changed usage type or a revocation
/// applies to the next request. A key id's private half never changes, so an
/// entry cannot be stale; the time limit (`lifetime`, 60 s) only bounds how long a deleted key
/// stays in memory on a node that did not see the deletion, and `capacity` bounds the memory.
public final class PrivateKeyCache: Sendable {
    private struct Entry {
        let key: PrivateKey
        let openedAt: ContinuousClock.Instant
    }

    private let entries = Mutex<[UUID: Entry]>([:])
    private let lifetime: Duration
    private let capacity: Int

    public init(lifetime: Duration = .seconds(60), capacity: Int = 1000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The cached private key of key `id`, or the one `open` returns, then cached.
    func key(_ id: UUID, open: () throws(CoreError) -> PrivateKey) throws(CoreError) -> PrivateKey {
        let now = ContinuousClock.now
        let cached = entries.withLock { entries -> PrivateKey? in
            guard let entry = entries[id] else { return nil }
            guard now - entry.openedAt < lifetime else {
                entries[id] = nil
                return nil
            }
            return entry.key
        }
        if let cached { return cached }
        let opened = try open()
        entries.withLock { entries in
            if entries.count >= capacity {
                entries = entries.filter { now - $0.value.openedAt < lifetime }
                if entries.count >= capacity { entries.removeAll() }
            }
            entries[id] = Entry(key: opened, openedAt: now)
        }
        return opened
    }

    /// Forgets key `id` (deleted, or not found).
    func remove(_ id: UUID) {
        _ = entries.withLock { $0.removeValue(forKey: id) }
    }

    /// How many keys are held, for tests.
    var count: Int { entries.withLock { $0.count } }
}
