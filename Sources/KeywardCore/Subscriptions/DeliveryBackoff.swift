#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// How long a failed delivery waits before the same batch is tried again: 1 s after the first
/// failure, doubling up to 10 minutes, each wait spread by ±25 % so that many subscriptions of one
/// failed endpoint do not retry in step.
public enum DeliveryBackoff {
    public static let firstDelay: TimeInterval = 1
    public static let maximumDelay: TimeInterval = 600

    /// The wait after `failures` consecutive failures (1 or more); `jitter` is a number in 0..<1.
    public static func delay(afterFailures failures: Int, jitter: Double) -> TimeInterval {
        let doublings = min(max(failures, 1) - 1, 20)
        let base = min(maximumDelay, firstDelay * Double(1 << doublings))
        let spread = 0.75 + 0.5 * min(max(jitter, 0), 1)
        return min(maximumDelay, base * spread)
    }
}
