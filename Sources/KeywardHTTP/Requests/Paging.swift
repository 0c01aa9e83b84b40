import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// PingOne's cursor paging: `limit` (1…1000, default 1000) and `cursor`, an opaque value the
/// client copies from `_links.next` (here the id of the last item of the previous page).
struct Paging {
    let cursor: UUID?
    let limit: Int

    static let defaultLimit = 1000

    init(_ request: HTTPRequest) throws {
        if let text = request.queryValue("limit") {
            guard let value = Int(text), ListLimits.range.contains(value) else {
                throw CoreError.invalidValue(
                    field: "limit",
                    reason: "must be an integer from \(ListLimits.range.lowerBound) to \(ListLimits.range.upperBound)"
                )
            }
            limit = value
        } else {
            limit = Self.defaultLimit
        }
        if let text = request.queryValue("cursor") {
            guard let value = UUID(text: text) else {
                throw CoreError.invalidValue(field: "cursor", reason: "is not a cursor this server handed out")
            }
            cursor = value
        } else {
            cursor = nil
        }
    }

    /// The `_links.next` URL for a page that ended at `nextCursor`, keeping `limit` and any `filter`.
    func nextURL(_ selfURL: String, nextCursor: UUID?, filter: String? = nil) -> String? {
        guard let nextCursor else { return nil }
        var query = "limit=\(limit)&cursor=\(nextCursor.lowercaseString)"
        if let filter { query += "&filter=\(QueryEncoding.escape(filter))" }
        return "\(selfURL)?\(query)"
    }
}

/// Percent-encoding of query values (RFC 3986 unreserved characters pass).
enum QueryEncoding {
    static func escape(_ value: String) -> String {
        var output = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = Array("0123456789ABCDEF")
                output += "%\(digits[Int(byte >> 4)])\(digits[Int(byte & 0x0F)])"
            }
        }
        return output
    }
}
