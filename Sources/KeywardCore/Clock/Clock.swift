import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Where KeywardCore reads the current time, so that tests can move it.
public protocol Clock: Sendable {
    var now: Date { get }
}

extension Clock {
    /// The current time cut to whole milliseconds, the precision the stores keep, so that a
    /// record returned by a create equals the same record read back.
    public var nowToTheMillisecond: Date {
        let milliseconds = (now.timeIntervalSince1970 * 1000).rounded(.down)
        return Date(timeIntervalSince1970: milliseconds / 1000)
    }
}

/// The system's wall clock.
public struct SystemClock: Clock {
    public init() {}
    public var now: Date { Date() }
}

/// A clock that stands still until told to move; for tests and simulations.
public final class ManualClock: Clock {
    private let current: Mutex<Date>

    public init(_ start: Date) { current = Mutex(start) }

    public var now: Date { current.withLock { $0 } }

    /// Moves the clock forward (or back, for a negative interval).
    public func advance(by interval: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(interval) }
    }

    /// Sets the clock to `date`.
    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}
