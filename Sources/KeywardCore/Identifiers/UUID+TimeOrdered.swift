import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension UUID {
    /// A time-ordered UUID (RFC 9562 §5.7, version 7): 48 bits of Unix milliseconds, the
    /// version, 12 bits that count ids made in the same millisecond (§6.2, method 3), the
    /// variant, and 62 random bits. Ids made later sort after earlier ones, as text too.
    ///
    /// Two uses: audit events, so that each new row of the `audit_events` primary-key index lands
    /// next to the previous one (a group commit of N events dirties a few index pages instead of
    /// N random ones); and rotation-policy keys, whose ids PingOne makes time-based so that they
    /// sort in rotation order (version 1 there; version 7 keeps the order without a MAC address).
    /// A `time` earlier than the last one (a clock set back) gets a random counter instead.
    static func timeOrdered(at time: Date) -> UUID {
        var generator = SystemRandomNumberGenerator()
        let milliseconds = UInt64(max(0, (time.timeIntervalSince1970 * 1000).rounded(.down))) & 0xFFFF_FFFF_FFFF
        let counter = timeOrderedState.withLock { state -> UInt64 in
            if milliseconds == state.milliseconds, state.counter < 0xFFF {
                state.counter += 1
            } else if milliseconds >= state.milliseconds {
                state = (milliseconds, generator.next() & 0x3FF)  // room to count up within the millisecond
            } else {
                return generator.next() & 0xFFF
            }
            return state.counter
        }
        let random = generator.next() as UInt64
        func byte(_ value: UInt64, _ shift: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: value >> shift) }
        return UUID(
            uuid: (
                byte(milliseconds, 40), byte(milliseconds, 32), byte(milliseconds, 24), byte(milliseconds, 16),
                byte(milliseconds, 8), byte(milliseconds, 0),
                0x70 | byte(counter, 8) & 0x0F, byte(counter, 0),
                0x80 | (byte(random, 56) & 0x3F), byte(random, 48), byte(random, 40),
                byte(random, 32), byte(random, 24), byte(random, 16), byte(random, 8), byte(random, 0)
            )
        )
    }
}

/// The millisecond of the last `UUID.timeOrdered` id and its counter.
private let timeOrderedState = Mutex<(milliseconds: UInt64, counter: UInt64)>((0, 0))
