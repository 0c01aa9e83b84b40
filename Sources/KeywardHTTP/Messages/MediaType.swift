/// Media type helpers for checking a request's `Content-Type`.
///
/// A namespace rather than a parsed value: handlers compare essences, e.g.
/// `MediaType.essence(of: request.headers["Content-Type"]) == MediaType.json`.
public struct MediaType: Sendable {
    /// `application/json`.
    public static let json = "application/json"
    /// `multipart/form-data`, the form encoding of file uploads.
    public static let multipartFormData = "multipart/form-data"
    /// `application/x-www-form-urlencoded`, the form encoding of plain fields.
    public static let formURLEncoded = "application/x-www-form-urlencoded"

    private init() {}

    /// The media type's essence: `type/subtype` in lower case, without parameters or spaces,
    /// so `Multipart/Form-Data; boundary=x` gives `multipart/form-data`. `nil` when
    /// `contentType` is absent or holds no `type/subtype` with both parts non-empty.
    public static func essence(of contentType: String?) -> String? {
        guard let contentType else { return nil }
        let essence = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
            .trimmingASCIIWhitespace().lowercased()
        let parts = essence.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
            !essence.contains(where: { $0 == " " || $0 == "\t" })
        else { return nil }
        return essence
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (HTTP's optional whitespace).
    func trimmingASCIIWhitespace() -> Substring {
        let text = Substring(self)
        let isWhitespace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = text.firstIndex(where: { !isWhitespace($0) }),
            let last = text.lastIndex(where: { !isWhitespace($0) })
        else { return "" }
        return text[first...last]
    }
}
