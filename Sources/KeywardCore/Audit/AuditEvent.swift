#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One audit event, PingOne's activity: what happened (`action`), to what (`resource`), by whom
/// (`actor`), with what `result`, when, in which request (`correlationID`) and from where.
///
/// Written in the same store transaction as the change it records (see `AuditLog`); it never
/// holds key material, secrets or tokens, only ids, names and sentences.
public struct AuditEvent: Hashable, Sendable {
    public var id: UUID
    /// The environment whose activity log lists the event.
    public var environmentID: UUID
    public var organizationID: UUID
    /// When the action happened.
    public var recordedAt: Date
    /// When the event was stored: the same transaction, so the same time in Keyward.
    public var createdAt: Date
    /// The request id of the API call (`X-Request-Id`); `nil` outside a request.
    public var correlationID: String?
    public var action: AuditAction
    /// The application that acted; `nil` for platform-initiated events.
    public var actor: AuditActor?
    public var resource: AuditResource?
    public var result: AuditResult
    /// The peer address of the request, when known.
    public var clientAddress: String?

    public init(
        id: UUID,
        environmentID: UUID,
        organizationID: UUID,
        recordedAt: Date,
        createdAt: Date,
        correlationID: String?,
        action: AuditAction,
        actor: AuditActor?,
        resource: AuditResource?,
        result: AuditResult,
        clientAddress: String?
    ) {
        self.id = id
        self.environmentID = environmentID
        self.organizationID = organizationID
        self.recordedAt = recordedAt
        self.createdAt = createdAt
        self.correlationID = correlationID
        self.action = action
        self.actor = actor
        self.resource = resource
        self.result = result
        self.clientAddress = clientAddress
    }
}
