import Dispatch
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Runs the background jobs (rotation, expiry notices, pool refill) every `interval` on one
/// worker thread. Before each job it takes or renews the job's lease in the store; a node that
/// does not hold a job's lease skips that job, so with several nodes on one database exactly
/// one runs each job, and another takes over within `leaseDuration` when that node stops.
public final class Scheduler: Sendable {
    /// What a tick did with one job.
    public enum Outcome: Equatable, Sendable {
        /// The job ran; the line says what it did (`nil`: nothing was due).
        case ran(String?)
        /// Another node holds the job's lease.
        case heldElsewhere
        /// The job failed; it runs again on the next tick.
        case failed(String)
    }

    let store: any Store
    let clock: any Clock
    let jobs: [any ScheduledJob]
    /// This node's name in the leases.
    public let holder: String
    public let interval: TimeInterval
    public let leaseDuration: TimeInterval
    private let worker = DispatchQueue(label: "keyward.scheduler")
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let state = Mutex<(running: Bool, stopped: Bool)>((false, false))

    public init(
        store: any Store,
        clock: any Clock = SystemClock(),
        jobs: [any ScheduledJob],
        interval: TimeInterval = 60,
        holder: String = UUID().lowercaseString
    ) {
        self.store = store
        self.clock = clock
        self.jobs = jobs
        self.interval = interval
        self.leaseDuration = max(3 * interval, 30)
        self.holder = holder
    }

    /// Runs every job once (those whose lease this node gets), in order, and says what happened.
    @discardableResult
    public func tick() -> [(job: String, outcome: Outcome)] {
        jobs.map { job in
            (job.name, run(job))
        }
    }

    private func run(_ job: any ScheduledJob) -> Outcome {
        let now = clock.now
        let until = now.addingTimeInterval(leaseDuration)
        do {
            let held = try StoreAccess.write(store) { writer in
                try writer.acquireLease(job.name, holder: holder, now: now, until: until)
            }
            guard held else { return .heldElsewhere }
            return .ran(try job.run())
        } catch {
            return .failed(error.description)
        }
    }

    /// Starts ticking on the worker: at once, then every `interval`. `report` receives a line
    /// per job that did something or failed.
    public func start(report: @escaping @Sendable (String) -> Void = { _ in }) {
        let starts = state.withLock { state -> Bool in
            guard !state.running, !state.stopped else { return false }
            state.running = true
            return true
        }
        guard starts else { return }
        worker.async { [self] in
            while !state.withLock({ $0.stopped }) {
                for (name, outcome) in tick() {
                    switch outcome {
                    case .ran(let line?): report(line)
                    case .failed(let reason): report("scheduler job \(name) failed: \(reason)")
                    case .ran(nil), .heldElsewhere: break
                    }
                }
                _ = wake.wait(timeout: .now() + interval)
            }
            finished.signal()
        }
    }

    /// Stops after the running job, if any; false when that takes longer than `timeout`.
    public func stopAndWait(timeout: Duration) -> Bool {
        let wasRunning = state.withLock { state -> Bool in
            state.stopped = true
            return state.running
        }
        guard wasRunning else { return true }
        wake.signal()
        let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        return finished.wait(timeout: .now() + .nanoseconds(Int(nanoseconds))) == .success
    }
}
