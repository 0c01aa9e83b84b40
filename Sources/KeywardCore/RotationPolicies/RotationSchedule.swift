#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// When a policy rotates next, and how long a rotated-out key stays published.
///
/// A policy rotates `rotationPeriod` days after its last rotation, or one day before its
/// current key expires if that comes first, so that there is never a moment without a valid
/// current key (`rotationPeriod` may be as long as `validityPeriod − 1`, and the current key
/// was generated one rotation before it became current). A rotated-out key stays in the JWKS,
/// and keeps verifying tokens, for `previousKeyRetention`: the longest a token it signed can
/// still be accepted.
public struct RotationSchedule: Sendable, Hashable {
    /// How long a previous key stays published after it stopped signing.
    public var previousKeyRetention: TimeInterval

    /// The margin kept before a current key's expiry.
    public static let expiryMargin: TimeInterval = 86400
    /// However close the current key's expiry, two rotations are at least this far apart.
    public static let minimumInterval: TimeInterval = 3600

    public init(previousKeyRetention: TimeInterval) {
        self.previousKeyRetention = previousKeyRetention
    }

    /// A schedule for tokens that live `tokenLifetime` seconds, accepted `leeway` seconds late.
    public init(tokenLifetime: Int, leeway: Int) {
        previousKeyRetention = TimeInterval(tokenLifetime + leeway)
    }

    /// The next rotation of a policy rotated at `rotatedAt` whose current key expires at
    /// `currentExpiresAt`.
    public func nextRotation(of policy: RotationPolicy, rotatedAt: Date, currentExpiresAt: Date) -> Date {
        let scheduled = rotatedAt.addingTimeInterval(TimeInterval(policy.rotationPeriod) * 86400)
        let beforeExpiry = currentExpiresAt.addingTimeInterval(-Self.expiryMargin)
        return max(min(scheduled, beforeExpiry), rotatedAt.addingTimeInterval(Self.minimumInterval))
    }
}
