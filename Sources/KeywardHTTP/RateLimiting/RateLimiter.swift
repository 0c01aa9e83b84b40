import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Token buckets per client and per source address, and the lock-out of client ids whose
/// secret is guessed at: the two things between one node's CPU and a caller that asks too much.
///
/// State lives in this process: with several nodes each enforces its own share. Buckets that
/// have refilled are forgotten once the table grows past `maximumEntries`, so memory stays bounded
/// however many addresses call.
public final class RateLimiter: Sendable {
    public let settings: RateLimitSettings
    private let buckets = Mutex<[String: TokenBucket]>([:])
    private let failures = Mutex<[String: FailureRecord]>([:])

    static let maximumEntries = 50_000

    private struct FailureRecord {
        var count: Int
        var firstAt: Double
        var lockedUntil: Double?
    }

    public init(settings: RateLimitSettings) {
        self.settings = settings
    }

    /// Admits one request from `address`, or throws `rateLimited` with the seconds to wait.
    func admit(address: String?) throws(HTTPError) {
        guard settings.perAddress > 0, let address else { return }
        try take("address \(address)", rate: settings.perAddress, scope: "address")
    }

    /// Admits one request of the authenticated client `clientID`.
    func admit(clientID: String) throws(HTTPError) {
        guard settings.perClient > 0 else { return }
        try take("client \(clientID)", rate: settings.perClient, scope: "client")
    }

    /// Refuses a token request of `clientID` from `address` while it is locked out.
    func checkLockout(clientID: String, address: String?) throws(HTTPError) {
        guard settings.failuresBeforeLockout > 0 else { return }
        let now = Self.now()
        let key = Self.failureKey(clientID, address)
        let lockedUntil = failures.withLock { $0[key]?.lockedUntil }
        if let lockedUntil, lockedUntil > now {
            throw .authenticationLockedOut(retryAfter: Self.seconds(lockedUntil - now))
        }
    }

    /// Counts a failed authentication; the `failuresBeforeLockout`-th within the window locks
    /// the pair out for `lockoutSeconds`.
    func recordFailure(clientID: String, address: String?) {
        guard settings.failuresBeforeLockout > 0 else { return }
        let now = Self.now()
        let window = Double(settings.lockoutSeconds)
        failures.withLock { table in
            if table.count >= Self.maximumEntries {
                table = table.filter { ($0.value.lockedUntil ?? $0.value.firstAt + window) > now }
            }
            var record = table[Self.failureKey(clientID, address)] ?? FailureRecord(count: 0, firstAt: now)
            if now - record.firstAt > window || (record.lockedUntil.map { $0 <= now } ?? false) {
                record = FailureRecord(count: 0, firstAt: now)
            }
            record.count += 1
            if record.count >= settings.failuresBeforeLockout {
                record.lockedUntil = now + window
            }
            table[Self.failureKey(clientID, address)] = record
        }
    }

    /// Forgets the failures of a pair once it authenticates.
    func recordSuccess(clientID: String, address: String?) {
        guard settings.failuresBeforeLockout > 0 else { return }
        _ = failures.withLock { $0.removeValue(forKey: Self.failureKey(clientID, address)) }
    }

    private func take(_ key: String, rate: Int, scope: String) throws(HTTPError) {
        let now = Self.now()
        let wait = buckets.withLock { table -> Double? in
            if table.count >= Self.maximumEntries {
                table = table.filter { entry in
                    var bucket = entry.value
                    return !bucket.isFull(now: now)
                }
            }
            var bucket =
                table[key] ?? TokenBucket(capacity: Double(2 * rate), rate: Double(rate), now: now)
            let wait = bucket.take(now: now)
            table[key] = bucket
            return wait
        }
        if let wait {
            throw .rateLimited(scope: scope, retryAfter: Self.seconds(wait))
        }
    }

    private static func failureKey(_ clientID: String, _ address: String?) -> String {
        "\(clientID.lowercased()) \(address ?? "-")"
    }

    /// Whole seconds to wait, at least 1, as `Retry-After` carries them.
    private static func seconds(_ interval: Double) -> Int {
        max(1, Int(interval.rounded(.up)))
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000
    }
}
