import Dispatch
import KeywardCore
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Delivers audit events to webhook subscriptions: ordered, at least once, nothing lost across
/// restarts.
///
/// Each pass takes every enabled subscription whose next attempt is due, reads its next batch
/// (events after its cursor that pass its filter, at most its payload limit), POSTs it signed,
/// and moves the cursor, in a store transaction, only after a `2xx`. Anything else (another
/// status, a TLS or connection failure, the 10 s timeout) keeps the cursor and schedules the same
/// batch again after `DeliveryBackoff`'s delay; attempts, next attempt and last error are stored,
/// so a restarted process resumes exactly where this one stopped.
///
/// `start()` runs passes on a background thread every second until `stopAndWait()`; tests call
/// `deliverDue(now:)` directly. Before each pass the `gate` is asked whether this process may
/// deliver now: the seam for a job lease, so that with several nodes only one delivers.
public final class WebhookDispatcher: Sendable {
    /// Asked before each background pass; `false` skips it (another node holds the lease).
    public typealias Gate = @Sendable (_ now: Date) -> Bool

    /// What one pass did.
    public struct PassReport: Equatable, Sendable {
        /// Batches acknowledged with a `2xx`.
        public var delivered = 0
        /// Attempts that failed and were scheduled again.
        public var failed = 0
        /// Subscriptions whose cursor moved past events none of which matched.
        public var skipped = 0

        public init(delivered: Int = 0, failed: Int = 0, skipped: Int = 0) {
            self.delivered = delivered
            self.failed = failed
            self.skipped = skipped
        }
    }

    let deliveries: SubscriptionDeliveryService
    let clock: any Clock
    let baseURL: String
    let transport: any WebhookTransport
    let gate: Gate
    let log: @Sendable (String) -> Void
    let jitter: @Sendable () -> Double
    let interval: Duration
    /// The background thread: a serial queue whose one task runs the loop until stopped.
    private let worker = DispatchQueue(label: "keyward.webhooks")
    private let state = Mutex(RunState())
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    private struct RunState {
        var running = false
        var stopping = false
    }

    /// - Parameters:
    ///   - baseURL: Keyward's public URL, for the events' links (as `APIServices.baseURL`).
    ///   - gate: whether this process may deliver now; always, until leases exist.
    ///   - log: receives one line per failed attempt (never a secret, header value or body).
    public init(
        store: any Store,
        clock: any Clock = SystemClock(),
        baseURL: String,
        transport: any WebhookTransport = CurlTransport(),
        interval: Duration = .seconds(1),
        gate: @escaping Gate = { _ in true },
        log: @escaping @Sendable (String) -> Void = { _ in },
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        deliveries = SubscriptionDeliveryService(store: store)
        self.clock = clock
        self.baseURL = baseURL
        self.transport = transport
        self.interval = interval
        self.gate = gate
        self.log = log
        self.jitter = jitter
    }

    /// Subscriptions delivered at the same time in one pass: one slow endpoint (up to the 10 s
    /// timeout) does not hold up the others. Each subscription still gets one batch at a time.
    public static let maximumConcurrentDeliveries = 8

    /// One pass over the subscriptions due at `now`, one batch each, on up to
    /// `maximumConcurrentDeliveries` threads; returns when every attempt has ended. A store
    /// failure on one subscription does not stop the others; the first is thrown at the end.
    @discardableResult
    public func deliverDue(now: Date) throws(CoreError) -> PassReport {
        let due = try deliveries.due(at: now)
        let pass = Pass(due)
        let group = DispatchGroup()
        for _ in 0..<min(Self.maximumConcurrentDeliveries, due.count) {
            DispatchQueue.global().async(group: group) { [self] in
                while !isStopping, let next = pass.next() {
                    var report = PassReport()
                    do throws(CoreError) {
                        try deliver(next, now: now, report: &report)
                        pass.add(report)
                    } catch {
                        pass.add(report, error: error)
                    }
                }
            }
        }
        group.wait()
        return try pass.result()
    }

    /// Starts passes on a background thread, one every `interval` (a second by default), and at
    /// once.
    public func start() {
        let shouldStart = state.withLock { state -> Bool in
            guard !state.running else { return false }
            state.running = true
            state.stopping = false
            return true
        }
        guard shouldStart else { return }
        worker.async { [self] in
            run()
            finished.signal()
        }
    }

    /// Stops the background passes: a request in flight is aborted (its batch stays pending and
    /// is sent again after a restart), and `deliverDue` does nothing more until `start()`.
    /// Returns false when the thread did not end within `timeout`.
    @discardableResult
    public func stopAndWait(timeout: Duration = .seconds(15)) -> Bool {
        let wasRunning = state.withLock { state -> Bool in
            state.stopping = true
            return state.running
        }
        guard wasRunning else { return true }
        wake.signal()
        let (seconds, attoseconds) = timeout.components
        let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
        let ended = finished.wait(timeout: .now() + .nanoseconds(nanoseconds)) == .success
        if ended { state.withLock { $0.running = false } }
        return ended
    }

    private var isStopping: Bool { state.withLock { $0.stopping } }

    private func run() {
        let (seconds, attoseconds) = interval.components
        let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
        while !isStopping {
            let now = clock.now
            if gate(now) {
                do {
                    try deliverDue(now: now)
                } catch {
                    log("webhook deliveries paused for this pass: \(error)")
                }
            }
            _ = wake.wait(timeout: .now() + .nanoseconds(nanoseconds))
        }
    }

    private func deliver(_ due: DueSubscription, now: Date, report: inout PassReport) throws(CoreError) {
        let subscription = due.subscription
        let batch = try deliveries.nextBatch(for: due, at: now)
        guard !batch.events.isEmpty else {
            if batch.through > due.delivery.cursor {
                try deliveries.recordSuccess(
                    subscription.id,
                    from: due.delivery.cursor,
                    through: batch.through,
                    deliveredAt: nil
                )
                report.skipped += 1
            }
            return
        }
        let outcome: WebhookOutcome
        do {
            let request = try WebhookRequestBuilder.request(
                for: subscription,
                events: batch.events,
                material: try deliveries.material(for: subscription),
                baseURL: baseURL,
                now: now
            )
            outcome = transport.send(request) { [self] in isStopping }
        } catch {
            outcome = .failed(String(describing: error))
        }
        switch outcome {
        case .cancelled:
            return
        case _ where outcome.isDelivered:
            try deliveries.recordSuccess(
                subscription.id,
                from: due.delivery.cursor,
                through: batch.through,
                deliveredAt: now
            )
            report.delivered += 1
        case .status(let status):
            try fail(due, "the endpoint answered HTTP \(status)", now: now, report: &report)
        case .failed(let reason):
            try fail(due, reason, now: now, report: &report)
        }
    }

    private func fail(_ due: DueSubscription, _ reason: String, now: Date, report: inout PassReport) throws(CoreError) {
        try deliveries.recordFailure(due, reason: reason, at: now, jitter: jitter())
        report.failed += 1
        log(
            "webhook delivery of subscription \(due.subscription.id.lowercaseString) failed "
                + "(attempt \(due.delivery.attempts + 1)): \(reason); the same batch will be retried"
        )
    }
}

/// The shared state of one pass: the due subscriptions handed out one by one, the tally, and the
/// first store failure.
private final class Pass: Sendable {
    private let due: [DueSubscription]
    private let state = Mutex((next: 0, report: WebhookDispatcher.PassReport(), error: CoreError?.none))

    init(_ due: [DueSubscription]) { self.due = due }

    func next() -> DueSubscription? {
        state.withLock { state in
            guard state.next < due.count else { return nil }
            defer { state.next += 1 }
            return due[state.next]
        }
    }

    func add(_ report: WebhookDispatcher.PassReport, error: CoreError? = nil) {
        state.withLock { state in
            state.report.delivered += report.delivered
            state.report.failed += report.failed
            state.report.skipped += report.skipped
            if state.error == nil { state.error = error }
        }
    }

    func result() throws(CoreError) -> WebhookDispatcher.PassReport {
        let (report, error) = state.withLock { ($0.report, $0.error) }
        if let error { throw error }
        return report
    }
}
