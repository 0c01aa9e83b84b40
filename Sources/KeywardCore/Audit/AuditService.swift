#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reads the audit log: PingOne's activities. Events are written by the services that make the
/// changes (`AuditLog`), never here.
public struct AuditService: Sendable {
    let store: any Store

    public init(store: any Store) {
        self.store = store
    }

    /// The largest page a query may ask for.
    public static let maximumLimit = 1000

    /// One page of the environment's events matching `query`.
    ///
    /// A query without a time bound is refused (`invalidValue` on `filter`): PingOne requires a
    /// range, and it keeps every query on the (environment, time) index.
    public func events(_ query: AuditQuery) throws(CoreError) -> AuditPage {
        guard query.earliest != nil || query.before != nil else {
            throw .invalidValue(field: "filter", reason: "a time range on recordedAt is required")
        }
        guard (1...Self.maximumLimit).contains(query.limit) else {
            throw .invalidValue(field: "limit", reason: "must be between 1 and \(Self.maximumLimit)")
        }
        return try StoreAccess.read(store) { reader in
            _ = try reader.requireEnvironment(query.environmentID)
            return try reader.auditEvents(query)
        }
    }

    /// The event `id` of `environmentID`; another environment's is `notFound`.
    public func event(_ id: UUID, in environmentID: UUID) throws(CoreError) -> AuditEvent {
        guard let event = try StoreAccess.read(store, { try $0.auditEvent(id: id, environmentID: environmentID) })
        else {
            throw .notFound(resource: "Activity", id: id.lowercaseString)
        }
        return event
    }
}
