#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Which events of one environment to read: a time range on `recordedAt` (at least one bound),
/// at most one `criterion`, and a keyset page (`after`, `limit`). Results are ordered by
/// `recordedAt`, then id, oldest first.
public struct AuditQuery: Hashable, Sendable {
    /// The one extra condition PingOne allows beside the time range.
    public enum Criterion: Hashable, Sendable {
        /// `action.type eq` (one type) or `action.type in` (several).
        case actionTypes([String])
        /// `resources.id eq`.
        case resourceID(String)
        /// `resources.type eq`.
        case resourceType(String)
        /// `actors.client.id eq`.
        case actorClientID(String)
        /// `correlationId eq`.
        case correlationID(String)
    }

    public var environmentID: UUID
    /// Events recorded at or after this time (inclusive).
    public var earliest: Date?
    /// Events recorded before this time (exclusive).
    public var before: Date?
    public var criterion: Criterion?
    /// The position after which the page starts: the last event of the previous page.
    public var after: AuditCursor?
    public var limit: Int

    public init(
        environmentID: UUID,
        earliest: Date? = nil,
        before: Date? = nil,
        criterion: Criterion? = nil,
        after: AuditCursor? = nil,
        limit: Int = 100
    ) {
        self.environmentID = environmentID
        self.earliest = earliest
        self.before = before
        self.criterion = criterion
        self.after = after
        self.limit = limit
    }
}

/// A keyset position in an environment's events: `recordedAt` (milliseconds) then id.
public struct AuditCursor: Hashable, Sendable {
    public var recordedAt: Date
    public var id: UUID

    public init(recordedAt: Date, id: UUID) {
        self.recordedAt = recordedAt
        self.id = id
    }

    /// The cursor after `event`.
    public init(after event: AuditEvent) {
        self.init(recordedAt: event.recordedAt, id: event.id)
    }

    /// The opaque text form handed to clients: `<milliseconds since 1970>.<id>`.
    public var text: String {
        "\(Int64((recordedAt.timeIntervalSince1970 * 1000).rounded())).\(id.lowercaseString)"
    }

    /// Reads the text form; `nil` for anything else.
    public init?(text: String) {
        let parts = text.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, let milliseconds = Int64(parts[0]), let id = UUID(text: String(parts[1])) else {
            return nil
        }
        self.init(recordedAt: Date(timeIntervalSince1970: Double(milliseconds) / 1000), id: id)
    }
}

/// One page of events; `next` is set only when more follow.
public struct AuditPage: Sendable {
    public var events: [AuditEvent]
    public var next: AuditCursor?

    public init(events: [AuditEvent], next: AuditCursor?) {
        self.events = events
        self.next = next
    }
}
