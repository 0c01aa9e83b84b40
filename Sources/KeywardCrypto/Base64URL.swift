#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// base64url without padding (RFC 7515 §2), as JWS and JWK members use it.
///
/// Foundation does the base64; this type only swaps the two URL-safe characters and drops or
/// restores the padding. Decoding is strict: only `A–Z a–z 0–9 - _` are accepted, no padding,
/// no whitespace, and the unused bits of the last character must be zero (each byte string has
/// exactly one encoding, so a token cannot be altered without changing its text).
public enum Base64URL {
    /// The unpadded base64url text of `bytes`.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        var text = Data(bytes).base64EncodedString()
        while text.last == "=" { text.removeLast() }
        return String(
            text.map { character -> Character in
                switch character {
                case "+": "-"
                case "/": "_"
                default: character
                }
            }
        )
    }

    /// The bytes `text` encodes, or `nil` for any character outside the base64url alphabet,
    /// padding, an impossible length or non-zero trailing bits.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var standard = ""
        standard.reserveCapacity(text.utf8.count + 3)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                standard.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "-"): standard.append("+")
            case UInt8(ascii: "_"): standard.append("/")
            default: return nil
            }
        }
        switch standard.utf8.count % 4 {
        case 1: return nil
        case 2: standard += "=="
        case 3: standard += "="
        default: break
        }
        guard let data = Data(base64Encoded: standard) else { return nil }
        let bytes = [UInt8](data)
        // Foundation ignores non-zero unused bits; re-encoding rejects those aliases.
        guard encode(bytes) == String(text) else { return nil }
        return bytes
    }
}
