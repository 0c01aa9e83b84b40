import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The request an audited change belongs to: its correlation id, the client's address, and —
/// once its access token is verified — the application acting.
///
/// KeywardHTTP binds one around each handler with `AuditContext.$current.withValue(…)` (a task
/// local, which works in the synchronous handlers too), and its authentication calls
/// `identify(_:)`. Services read `AuditContext.current` when they write their event, so no
/// service signature carries the request. Without a context (the CLI, `keyward init`, tests
/// calling services directly) events are written without actor, correlation id or address.
public final class AuditContext: Sendable {
    /// The context of the request being handled on this task or thread, if any.
    @TaskLocal public static var current: AuditContext?

    /// The request id (`X-Request-Id`), PingOne's `correlationId`.
    public let correlationID: String
    /// The peer's IP address, when known.
    public let clientAddress: String?
    private let principal = Mutex<Principal?>(nil)

    public init(correlationID: String, clientAddress: String?) {
        self.correlationID = correlationID
        self.clientAddress = clientAddress
    }

    /// Records who is acting: called once the request's access token is verified.
    public func identify(_ principal: Principal) {
        self.principal.withLock { $0 = principal }
    }

    /// The verified principal of the request, if any.
    public var actingPrincipal: Principal? {
        principal.withLock { $0 }
    }
}
