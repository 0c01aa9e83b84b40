/// A route's path, such as `/environments/{environmentID}/keys/{keyID}`.
///
/// A segment that is exactly `{name}` matches any one non-empty path segment and captures
/// it under `name`; every other segment must match literally. Parsing cannot fail: a brace
/// anywhere but around a whole segment is literal text.
struct PathPattern: Sendable, Equatable {
    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    let segments: [Segment]

    /// The pattern as written: `/environments/{environmentID}`.
    var description: String {
        "/"
            + segments.map {
                switch $0 {
                case .literal(let text): text
                case .parameter(let name): "{\(name)}"
                }
            }.joined(separator: "/")
    }

    init(_ pattern: String) {
        segments = Self.split(pattern).map { segment in
            if segment.count > 2, segment.hasPrefix("{"), segment.hasSuffix("}") {
                return .parameter(String(segment.dropFirst().dropLast()))
            }
            return .literal(String(segment))
        }
    }

    /// The captured parameters when `pathSegments` match this pattern, else `nil`.
    ///
    /// Literals are compared before any parameter is captured, so the many patterns that do not
    /// match cost no allocation.
    func match(_ pathSegments: [Substring]) -> [String: String]? {
        guard pathSegments.count == segments.count else { return nil }
        for (segment, pathSegment) in zip(segments, pathSegments) {
            switch segment {
            case .literal(let text):
                guard pathSegment == text else { return nil }
            case .parameter:
                guard !pathSegment.isEmpty else { return nil }
            }
        }
        var parameters: [String: String] = [:]
        for (segment, pathSegment) in zip(segments, pathSegments) {
            if case .parameter(let name) = segment { parameters[name] = String(pathSegment) }
        }
        return parameters
    }

    /// True when this pattern has a literal where `other` has the first parameter that differs,
    /// so `/keys/export` is preferred to `/keys/{keyID}` for the path `/keys/export`.
    func isMoreSpecific(than other: PathPattern) -> Bool {
        for (mine, theirs) in zip(segments, other.segments) {
            switch (mine, theirs) {
            case (.literal, .parameter): return true
            case (.parameter, .literal): return false
            default: continue
            }
        }
        return false
    }

    /// The segments of a path: `/a/b` gives `["a", "b"]`, `/` gives `[""]` and `/a/` gives `["a", ""]`,
    /// so a trailing slash names a different resource.
    static func split(_ path: String) -> [Substring] {
        let relative = path.hasPrefix("/") ? path.dropFirst() : Substring(path)
        return relative.split(separator: "/", omittingEmptySubsequences: false)
    }
}
