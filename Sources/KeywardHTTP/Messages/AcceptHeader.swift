/// A request's `Accept` header: which media types the client takes, and how much it prefers each.
///
/// Parses the comma-separated media ranges of RFC 9110 §12.5.1 with their parameters and
/// `q` weights: `application/x-x509-ca-cert, application/json;q=0.5`. A type is matched by the
/// most specific range that covers it (`type/subtype`, then `type/*`, then `*/*`), and `q=0`
/// excludes it. An absent or blank header accepts everything. Ranges that do not parse (no `/`,
/// a `q` outside 0...1) are ignored, so one odd element does not lock a client out.
public struct AcceptHeader: Sendable {
    /// One media range, e.g. `text/*;q=0.3`.
    private struct Range: Sendable {
        let type: String
        let subtype: String
        let quality: Double

        /// 3 for `type/subtype`, 2 for `type/*`, 1 for `*/*`; 0 when the range does not cover `type/subtype`.
        func specificity(for type: String, _ subtype: String) -> Int {
            if self.type == "*" { return self.subtype == "*" ? 1 : 0 }
            guard self.type == type else { return 0 }
            if self.subtype == "*" { return 2 }
            return self.subtype == subtype ? 3 : 0
        }
    }

    /// `nil` when the header is absent or blank: everything is acceptable.
    private let ranges: [Range]?

    /// Parses the header's value; `nil` (no header) accepts every type. For a header sent more
    /// than once, pass the values joined with `, `.
    public init(_ value: String?) {
        guard let value, !value.trimmingASCIIWhitespace().isEmpty else {
            ranges = nil
            return
        }
        ranges = value.split(separator: ",").compactMap(Self.parseRange)
    }

    /// True when the client takes `mediaType` (parameters in it are ignored), i.e. its weight is above 0.
    public func accepts(_ mediaType: String) -> Bool {
        quality(of: mediaType) > 0
    }

    /// The type of `offered` the client prefers: the highest weight above 0, the earliest in
    /// `offered` among equals; `nil` when it takes none of them (answer 406).
    /// True when a range names `mediaType` itself (no wildcard) with a quality above 0.
    public func namesExplicitly(_ mediaType: String) -> Bool {
        guard let ranges, let essence = MediaType.essence(of: mediaType) else { return false }
        return ranges.contains { range in range.quality > 0 && "\(range.type)/\(range.subtype)" == essence }
    }

    public func preferred(among offered: [String]) -> String? {
        var best: (type: String, quality: Double)?
        for type in offered {
            let quality = quality(of: type)
            if quality > 0, quality > (best?.quality ?? 0) {
                best = (type, quality)
            }
        }
        return best?.type
    }

    /// The weight the client gives `mediaType`: that of the most specific matching range
    /// (the highest, if several are equally specific), 0 when no range matches.
    func quality(of mediaType: String) -> Double {
        guard let ranges else { return 1 }
        guard let essence = MediaType.essence(of: mediaType) else { return 0 }
        let parts = essence.split(separator: "/")
        let type = String(parts[0])
        let subtype = String(parts[1])
        var best: (specificity: Int, quality: Double) = (0, 0)
        for range in ranges {
            let specificity = range.specificity(for: type, subtype)
            guard specificity > 0 else { continue }
            if specificity > best.specificity || (specificity == best.specificity && range.quality > best.quality) {
                best = (specificity, range.quality)
            }
        }
        return best.quality
    }

    /// One element such as `Text/HTML; level=1; q=0.7`; `nil` when it does not parse.
    private static func parseRange(_ element: Substring) -> Range? {
        let pieces = element.split(separator: ";", omittingEmptySubsequences: false)
        var name = pieces[0].trimmingASCIIWhitespace().lowercased()
        if name == "*" {
            name = "*/*"  // sent by some old clients
        }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, !(parts[0] == "*" && parts[1] != "*") else {
            return nil
        }
        var quality = 1.0
        for parameter in pieces.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair[0].trimmingASCIIWhitespace().lowercased() == "q" else { continue }
            guard pair.count == 2, let weight = Double(pair[1].trimmingASCIIWhitespace()), (0...1).contains(weight)
            else { return nil }
            quality = weight
        }
        return Range(type: String(parts[0]), subtype: String(parts[1]), quality: quality)
    }
}
