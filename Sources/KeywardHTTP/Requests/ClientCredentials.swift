#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A client's id and secret as the token endpoint received them.
struct ClientCredentials: Equatable {
    let clientID: String
    let secret: String

    /// Why an `Authorization` header is not Basic credentials.
    enum Refusal: Error { case absent, malformed }

    /// From `Authorization: Basic base64(id:secret)`; RFC 6749 §2.3.1 form-encodes both parts first.
    init(basicAuthorization header: String?) throws(Refusal) {
        guard let header else { throw .absent }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "basic",
            let decoded = Data(base64Encoded: String(parts[1])),
            let text = String(validating: Array(decoded), as: UTF8.self),
            let colon = text.firstIndex(of: ":")
        else { throw .malformed }
        guard let id = FormDecoding.decode(String(text[..<colon])),
            let decodedSecret = FormDecoding.decode(String(text[text.index(after: colon)...])),
            !id.isEmpty
        else { throw .malformed }
        clientID = id
        secret = decodedSecret
    }

    /// From the form's `client_id` and `client_secret` (`client_secret_post`); `nil` unless both are there.
    init?(form: FormData) {
        guard let id = form.field("client_id")?.text, let secret = form.field("client_secret")?.text, !id.isEmpty
        else { return nil }
        clientID = id
        self.secret = secret
    }
}

/// `application/x-www-form-urlencoded` decoding of one value: `+` is a space, `%XX` a byte.
enum FormDecoding {
    /// The decoded text, or `nil` for a bad escape or invalid UTF-8.
    static func decode(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return nil
                }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
