import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What PingOne lets a key list be filtered on: `algorithm eq` and `status eq`, alone or joined
/// by `and`. Status is computed at the time of the listing, so the filter runs over the keys
/// rather than in the store.
public struct KeyFilter: Hashable, Sendable {
    public var algorithm: KeyAlgorithm?
    public var status: KeyStatus?

    public init(algorithm: KeyAlgorithm? = nil, status: KeyStatus? = nil) {
        self.algorithm = algorithm
        self.status = status
    }

    /// True when `key` passes every condition at `now`.
    public func matches(_ key: Key, at now: Date) -> Bool {
        (algorithm == nil || key.algorithm == algorithm) && (status == nil || key.status(at: now) == status)
    }
}

extension KeyService {
    /// One page of the environment's keys that pass `filter`, ordered by id.
    ///
    /// The store is read a batch at a time until `limit` keys match or none are left; the page's
    /// cursor is the last key examined, so the next page resumes after it. No count is given:
    /// counting matches would read every key.
    public func list(in environmentID: UUID, matching filter: KeyFilter, after cursor: UUID? = nil, limit: Int = 100)
        throws(CoreError) -> Page<Key>
    {
        let now = clock.now
        return try StoreAccess.read(store) { reader in
            _ = try reader.requireEnvironment(environmentID)
            var matched: [Key] = []
            var position = cursor
            while true {
                let batch = try reader.keys(
                    environmentID: environmentID,
                    after: position,
                    limit: ListLimits.range.upperBound
                )
                for key in batch.items {
                    position = key.id
                    guard filter.matches(key, at: now) else { continue }
                    matched.append(key)
                    if matched.count == limit {
                        let more = key.id != batch.items.last?.id || batch.nextCursor != nil
                        return Page(items: matched, nextCursor: more ? key.id : nil)
                    }
                }
                guard batch.nextCursor != nil else { return Page(items: matched, nextCursor: nil) }
            }
        }
    }
}
