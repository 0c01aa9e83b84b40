import KeywardCrypto
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension UUID {
    /// A time-ordered UUID (RFC 9562 version 7: 48 bits of Unix milliseconds, then random bits),
    /// so that ids made later sort after earlier ones. PingOne gives rotation-policy keys
    /// time-based ids that sort in rotation order; version 7 keeps that property without
    /// version 1's MAC address.
    ///
    /// Within one process, ids made in the same millisecond still increase: the 12 bits after the
    /// timestamp count them (RFC 9562 §6.2, method 3), so a policy's next key, made right after
    /// its current key, sorts after it.
    static func timeOrdered(at date: Date) throws(CryptoError) -> UUID {
        var bytes = try SecureRandom.bytes(count: 16)
        let milliseconds = UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded(.down)))
        let stamp = lastTimeOrderedStamp.withLock { last -> UInt64 in
            last = max(milliseconds << 12, last + 1)
            return last
        }
        for index in 0..<6 {
            bytes[index] = UInt8(truncatingIfNeeded: stamp >> (12 + 8 * (5 - index)))
        }
        bytes[6] = 0x70 | UInt8(truncatingIfNeeded: (stamp >> 8) & 0x0F)  // version 7, counter
        bytes[7] = UInt8(truncatingIfNeeded: stamp)
        bytes[8] = 0x80 | (bytes[8] & 0x3F)  // RFC 9562 variant
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            )
        )
    }
}

/// The last (milliseconds << 12 | counter) handed out by `UUID.timeOrdered`.
private let lastTimeOrderedStamp = Mutex<UInt64>(0)
