/// Which addresses webhook deliveries may connect to. Subscriptions are written by environment
/// administrators, so without a rule any of them could make the server connect to its own
/// loopback services or to a cloud metadata endpoint (169.254.169.254): a server-side request
/// forgery. The rule is checked on the address libcurl is about to connect to (after name
/// resolution, so DNS tricks do not pass), before the socket is opened.
///
/// `local` addresses are loopback (127.0.0.0/8, ::1), unspecified (0.0.0.0/8, ::), link-local
/// (169.254.0.0/16, fe80::/10), multicast and broadcast, and IPv4-mapped forms of those.
/// Private networks (10/8, 172.16/12, 192.168/16, fc00::/7) are not local: SIEMs and
/// alerting systems live there.
public enum WebhookTargetPolicy: String, Sendable, CaseIterable {
    /// Refuse local addresses: the default of `keyward serve`.
    case denyLocal = "deny"
    /// Connect anywhere (`--webhook-local-targets allow`, and tests with loopback receivers).
    case allowLocal = "allow"

    /// Whether a delivery may connect to the IPv4 address `octets`.
    public func allows(ipv4 octets: [UInt8]) -> Bool {
        self == .allowLocal || !Self.isLocal(ipv4: octets)
    }

    /// Whether a delivery may connect to the IPv6 address `bytes`.
    public func allows(ipv6 bytes: [UInt8]) -> Bool {
        self == .allowLocal || !Self.isLocal(ipv6: bytes)
    }

    static func isLocal(ipv4 octets: [UInt8]) -> Bool {
        guard octets.count == 4 else { return true }
        switch octets[0] {
        case 0, 127: return true  // unspecified, loopback
        case 169 where octets[1] == 254: return true  // link-local, cloud metadata
        case 224...255: return true  // multicast, reserved, broadcast
        default: return false
        }
    }

    static func isLocal(ipv6 bytes: [UInt8]) -> Bool {
        guard bytes.count == 16 else { return true }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
            return isLocal(ipv4: Array(bytes[12..<16]))  // IPv4-mapped
        }
        if bytes[0..<15].allSatisfy({ $0 == 0 }) { return bytes[15] <= 1 }  // :: and ::1
        if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80 { return true }  // fe80::/10
        return bytes[0] == 0xFF  // multicast
    }
}
