#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension UUID {
    /// A version-7 UUID (RFC 9562 §5.7) for an audit event recorded at `time`: the Unix time in
    /// milliseconds (48 bits, big-endian), the version and variant, and 74 random bits.
    ///
    /// Events are appended in time order, so time-ordered ids put each new row of the
    /// `audit_events` primary-key index next to the previous one: a group commit of N events then
    /// dirties a few index pages instead of N random ones (each a 4 KiB frame in the write-ahead
    /// log), as random (version 4) ids did. The ids stay opaque, unique UUIDs.
    static func auditEventID(at time: Date) -> UUID {
        var generator = SystemRandomNumberGenerator()
        let milliseconds = UInt64(max(0, (time.timeIntervalSince1970 * 1000).rounded(.down)))
        let random = (high: generator.next() as UInt64, low: generator.next() as UInt64)
        func byte(_ value: UInt64, _ shift: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: value >> shift) }
        return UUID(
            uuid: (
                byte(milliseconds, 40), byte(milliseconds, 32), byte(milliseconds, 24), byte(milliseconds, 16),
                byte(milliseconds, 8), byte(milliseconds, 0),
                0x70 | (byte(random.high, 8) & 0x0F), byte(random.high, 0),
                0x80 | (byte(random.low, 56) & 0x3F), byte(random.low, 48), byte(random.low, 40),
                byte(random.low, 32), byte(random.low, 24), byte(random.low, 16), byte(random.low, 8),
                byte(random.low, 0)
            )
        )
    }
}
