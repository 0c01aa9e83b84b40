import Dispatch
import KeywardCrypto
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A bounded pool of pre-generated key pairs per spec, sealed in the store, so that creating a
/// key does not wait for RSA prime search (0.1–0.5 s at 2048 bits, 8–25 s at 7680).
///
/// Each pooled key is handed out exactly once: taking one deletes it in a write transaction.
/// A background worker refills the pool after every take and at start; the pool lives in the
/// store, so it survives restarts. A target of 0 for a spec turns pooling off for it, and an
/// empty pool falls back to generating on the caller's thread.
public final class KeyPool: KeySource {
    /// Pool sizes per spec when none are configured.
    public static let defaultTargets: [KeySpec: Int] = [
        .rsa2048: 8, .rsa3072: 2, .rsa4096: 2, .rsa7680: 1, .p256: 8, .p384: 2,
    ]

    private let store: any Store
    private let clock: any Clock
    private let targets: [KeySpec: Int]
    private let worker = DispatchQueue(label: "keyward.key-pool")
    private let state = Mutex(State())

    private struct State {
        var stopped = false
        var refillScheduled = false
    }

    public init(store: any Store, clock: any Clock = SystemClock(), targets: [KeySpec: Int] = KeyPool.defaultTargets) {
        self.store = store
        self.clock = clock
        self.targets = targets.filter { $0.value > 0 }
    }

    /// Takes a pooled key of `spec`, or generates one when the pool is empty or off for it.
    public func makeKey(_ spec: KeySpec) throws(CryptoError) -> PrivateKey {
        if targets[spec] != nil {
            let pooled = try? store.write { try $0.takePooledKey(spec: spec) }
            scheduleRefill()
            if let pooled { return pooled }
        }
        return try PrivateKey.generate(spec)
    }

    /// Starts filling the pool in the background.
    public func start() { scheduleRefill() }

    /// Stops the worker after the key it is generating, if any.
    public func stop() { state.withLock { $0.stopped = true } }

    /// Stops the worker and waits until the key it is generating, if any, is stored or dropped;
    /// false when that takes longer than `timeout` (an RSA-7680 key can take 12 s).
    ///
    /// A process must not exit while the worker runs: OpenSSL's exit-time cleanup would free
    /// what the worker is still using.
    public func stopAndWait(timeout: Duration) -> Bool {
        stop()
        let idle = DispatchSemaphore(value: 0)
        worker.async { idle.signal() }
        let (seconds, attoseconds) = timeout.components
        let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
        return idle.wait(timeout: .now() + .nanoseconds(nanoseconds)) == .success
    }

    /// Fills every spec up to its target on the calling thread; for start-up and tests.
    public func fillNow() throws {
        while let spec = try nextSpecToFill() {
            try add(spec)
        }
    }

    private func scheduleRefill() {
        let shouldSchedule = state.withLock { state -> Bool in
            guard !state.stopped, !state.refillScheduled, !targets.isEmpty else { return false }
            state.refillScheduled = true
            return true
        }
        guard shouldSchedule else { return }
        worker.async { [self] in
            defer { state.withLock { $0.refillScheduled = false } }
            while !state.withLock({ $0.stopped }), let spec = try? nextSpecToFill() {
                guard (try? add(spec)) != nil else { return }
            }
        }
    }

    private func nextSpecToFill() throws -> KeySpec? {
        try store.read { reader in
            try targets.sorted { $0.key.keyLength < $1.key.keyLength }
                .first { try reader.pooledKeyCount(spec: $0.key) < $0.value }?.key
        }
    }

    private func add(_ spec: KeySpec) throws {
        let key = try PrivateKey.generate(spec)
        try store.write { try $0.insertPooledKey(key, spec: spec, id: UUID(), createdAt: clock.now) }
    }
}
