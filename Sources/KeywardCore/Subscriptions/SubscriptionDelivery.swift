#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Where one subscription's delivery stands, kept in the store so that a restart resumes exactly.
///
/// `cursor` is a position in the audit log's commit order (SQLite's `rowid` of `audit_events`):
/// every event at or before it has been delivered, or did not match. It moves only in the
/// transaction that records a delivery's `2xx`, so a batch is repeated until it is acknowledged.
public struct SubscriptionDelivery: Hashable, Sendable {
    public var subscriptionID: UUID
    public var cursor: Int64
    /// Failed attempts at the current batch since the last success.
    public var attempts: Int
    /// When the current batch may be tried again; `nil` means now.
    public var nextAttemptAt: Date?
    /// Why the last attempt failed (a status or a transport error), never a secret.
    public var lastError: String?
    public var lastDeliveredAt: Date?

    public init(
        subscriptionID: UUID,
        cursor: Int64,
        attempts: Int = 0,
        nextAttemptAt: Date? = nil,
        lastError: String? = nil,
        lastDeliveredAt: Date? = nil
    ) {
        self.subscriptionID = subscriptionID
        self.cursor = cursor
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.lastDeliveredAt = lastDeliveredAt
    }
}

/// An enabled subscription whose next attempt is due, with its delivery state.
public struct DueSubscription: Sendable {
    public var subscription: Subscription
    public var delivery: SubscriptionDelivery

    public init(subscription: Subscription, delivery: SubscriptionDelivery) {
        self.subscription = subscription
        self.delivery = delivery
    }
}

/// The events a delivery may carry: those of one environment after `after`, in commit order,
/// of the given action types (and acting clients, when any are named), recorded at or after
/// `recordedSince`, at most `limit`.
public struct DeliveryQuery: Hashable, Sendable {
    public var environmentID: UUID
    public var after: Int64
    public var actionTypes: [String]
    public var actorClientIDs: [UUID]
    public var recordedSince: Date
    public var limit: Int

    public init(
        environmentID: UUID,
        after: Int64,
        actionTypes: [String],
        actorClientIDs: [UUID],
        recordedSince: Date,
        limit: Int
    ) {
        self.environmentID = environmentID
        self.after = after
        self.actionTypes = actionTypes
        self.actorClientIDs = actorClientIDs
        self.recordedSince = recordedSince
        self.limit = limit
    }
}

/// The next batch of a subscription: its events, oldest first, and `through`, the position the
/// cursor moves to once they are delivered. When fewer than the limit matched, `through` is the
/// end of the log as read, so non-matching events are not read again.
public struct DeliveryBatch: Sendable {
    public var events: [AuditEvent]
    public var through: Int64

    public init(events: [AuditEvent], through: Int64) {
        self.events = events
        self.through = through
    }
}
