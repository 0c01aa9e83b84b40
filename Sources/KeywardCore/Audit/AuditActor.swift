#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Who caused an event: PingOne's `actors.client`, the application (worker) that made the
/// request. Events without an actor are platform-initiated (`keyward init`, the CLI).
public struct AuditActor: Hashable, Sendable {
    /// The application's id (its OAuth `client_id`).
    public var clientID: UUID
    /// The application's name when the event was written.
    public var name: String
    /// The environment the application lives in.
    public var environmentID: UUID

    public init(clientID: UUID, name: String, environmentID: UUID) {
        self.clientID = clientID
        self.name = name
        self.environmentID = environmentID
    }
}
