#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// PingOne's `status` of a key or certificate, derived at read time from the clock.
public enum KeyStatus: String, Hashable, Sendable, CaseIterable {
    case notYetValid = "NOT_YET_VALID"
    case valid = "VALID"
    case expiring = "EXPIRING"
    case expired = "EXPIRED"
    case revoked = "REVOKED"

    /// How long before `expiresAt` a valid key counts as expiring: two weeks.
    public static let expiringWindow: TimeInterval = 14 * 86400

    /// The status at `now`: revocation wins; then the validity window; the last two weeks
    /// before `expiresAt` are EXPIRING; `expiresAt` itself is still valid (RFC 5280 notAfter is inclusive).
    public init(now: Date, startsAt: Date, expiresAt: Date, revokedAt: Date?) {
        if let revokedAt, revokedAt <= now {
            self = .revoked
        } else if now < startsAt {
            self = .notYetValid
        } else if now > expiresAt {
            self = .expired
        } else if expiresAt.timeIntervalSince(now) <= Self.expiringWindow {
            self = .expiring
        } else {
            self = .valid
        }
    }
}
