import KeywardCrypto

/// Keyward's delivery signature, `X-Keyward-Signature: t=<unix seconds>,v1=<hex>`: the
/// lowercase hex HMAC-SHA256, keyed with the subscription's signing secret (its text as the
/// client received it), of `"<t>." + body`. The timestamp lets a receiver refuse replays.
public enum WebhookSignature {
    public static let headerName = "X-Keyward-Signature"

    /// The header value for `body` sent at `timestamp` (seconds since 1970).
    public static func header(secret: [UInt8], timestamp: Int64, body: [UInt8]) throws(CryptoError) -> String {
        let mac = try HMAC.sha256(key: secret, data: Array("\(timestamp).".utf8) + body)
        return "t=\(timestamp),v1=\(hex(mac))"
    }

    /// Lowercase hex with the standard library's radix formatting, two digits a byte.
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0 >> 4, radix: 16) + String($0 & 0x0F, radix: 16) }.joined()
    }
}
