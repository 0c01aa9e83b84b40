/// A token bucket (RFC 2697's idea): `capacity` tokens, refilled at `rate` per second; a
/// request takes one. Times are seconds on a monotonic clock, passed in so tests control them.
struct TokenBucket: Sendable {
    let capacity: Double
    let rate: Double
    private(set) var tokens: Double
    private(set) var updatedAt: Double

    init(capacity: Double, rate: Double, now: Double) {
        self.capacity = capacity
        self.rate = rate
        tokens = capacity
        updatedAt = now
    }

    /// Takes a token if there is one; otherwise answers the seconds until there will be.
    mutating func take(now: Double) -> Double? {
        refill(now: now)
        guard tokens < 1 else {
            tokens -= 1
            return nil
        }
        return (1 - tokens) / rate
    }

    /// True when the bucket is full at `now`, so forgetting it changes nothing.
    mutating func isFull(now: Double) -> Bool {
        refill(now: now)
        return tokens >= capacity
    }

    private mutating func refill(now: Double) {
        tokens = min(capacity, tokens + max(0, now - updatedAt) * rate)
        updatedAt = max(updatedAt, now)
    }
}
