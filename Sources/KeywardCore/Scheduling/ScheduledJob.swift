/// A piece of background work the scheduler runs on every tick, on the one node that holds the
/// job's lease. Jobs are idempotent: running one twice, or on a second node after a lease
/// changed hands, does the work once (every step re-checks the store in its transaction).
public protocol ScheduledJob: Sendable {
    /// The job's lease name, stable across versions (`rotation`, `expiry-notices` …).
    var name: String { get }
    /// Does what is due at the clock's time; answers a line for the log when it did something.
    func run() throws(CoreError) -> String?
}

/// Rotates policies when due, retires previous keys, activates policies without keys.
public struct RotationJob: ScheduledJob {
    let policies: RotationPolicyService

    public init(policies: RotationPolicyService) { self.policies = policies }

    public var name: String { "rotation" }

    public func run() throws(CoreError) -> String? {
        var total = RotationWork()
        // Work in batches until a pass finds nothing, so a backlog (a node down for months)
        // is caught up in one tick.
        for _ in 0..<100 {
            let work = try policies.runDueWork()
            total.activated += work.activated
            total.rotated += work.rotated
            total.retired += work.retired
            if work == RotationWork() { break }
        }
        guard total != RotationWork() else { return nil }
        return
            "rotation: \(total.rotated) rotated, \(total.retired) previous keys retired, \(total.activated) activated"
    }
}

/// Asks the key pool to top itself up (it generates in its own background worker), so that a
/// pool drained by another node is refilled by the node holding this lease.
public struct KeyPoolRefillJob: ScheduledJob {
    let pool: KeyPool

    public init(pool: KeyPool) { self.pool = pool }

    public var name: String { "key-pool" }

    public func run() throws(CoreError) -> String? {
        pool.start()
        return nil
    }
}
