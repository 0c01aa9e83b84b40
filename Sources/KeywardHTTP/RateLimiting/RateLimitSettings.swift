/// How much each caller may ask, and when failed client authentications lock a client out.
/// A rate of 0 turns that limit off.
public struct RateLimitSettings: Sendable, Equatable {
    /// Requests per second per authenticated client (application); bursts of twice that.
    public var perClient: Int
    /// Requests per second per source address, authenticated or not; bursts of twice that.
    public var perAddress: Int
    /// Failed client authentications from one address for one client id before it is locked out; 0 turns lock-out off.
    public var failuresBeforeLockout: Int
    /// Seconds a lock-out lasts, and the window in which failures count.
    public var lockoutSeconds: Int

    public static let defaultPerClient = 500
    public static let defaultPerAddress = 1000
    public static let defaultFailuresBeforeLockout = 5
    public static let defaultLockoutSeconds = 300

    public init(
        perClient: Int = RateLimitSettings.defaultPerClient,
        perAddress: Int = RateLimitSettings.defaultPerAddress,
        failuresBeforeLockout: Int = RateLimitSettings.defaultFailuresBeforeLockout,
        lockoutSeconds: Int = RateLimitSettings.defaultLockoutSeconds
    ) {
        self.perClient = perClient
        self.perAddress = perAddress
        self.failuresBeforeLockout = failuresBeforeLockout
        self.lockoutSeconds = lockoutSeconds
    }

    /// No limits at all (tests, benchmarks of raw speed).
    public static let off = RateLimitSettings(perClient: 0, perAddress: 0, failuresBeforeLockout: 0)
}
