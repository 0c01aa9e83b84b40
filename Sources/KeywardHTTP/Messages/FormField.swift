/// One field of a form body (`multipart/form-data` or `application/x-www-form-urlencoded`).
///
/// A multipart file part keeps its bytes exactly as sent, whatever they hold; `fileName` and
/// `contentType` come from the part's headers and are `nil` when absent (always for urlencoded).
public struct FormField: Sendable, Equatable {
    /// The field's name: the part's `name="…"`, or the urlencoded key, percent-decoded.
    public var name: String
    /// The part's `filename="…"`, or `nil` for a plain field.
    public var fileName: String?
    /// The part's own `Content-Type`, or `nil` when it declared none.
    public var contentType: String?
    /// The value's bytes (percent-decoded for urlencoded bodies).
    public var data: [UInt8]

    public init(name: String, fileName: String? = nil, contentType: String? = nil, data: [UInt8]) {
        self.name = name
        self.fileName = fileName
        self.contentType = contentType
        self.data = data
    }

    /// The value as text when `data` is valid UTF-8, else `nil` (e.g. a binary file part).
    public var text: String? {
        String(validating: data, as: UTF8.self)
    }
}
