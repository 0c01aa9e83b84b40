/// An HTTP request method, compared exactly as sent (methods are case-sensitive, RFC 9110 §9.1).
///
/// A struct rather than an enum so that a request with a method Keyward does not know
/// still parses and gets a 405 that lists what the path allows.
public struct HTTPMethod: RawRepresentable, Hashable, Sendable {
    /// The method token, e.g. `GET`.
    public let rawValue: String

    /// Wraps a method token as received.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public static let get = HTTPMethod(rawValue: "GET")
    public static let head = HTTPMethod(rawValue: "HEAD")
    public static let post = HTTPMethod(rawValue: "POST")
    public static let put = HTTPMethod(rawValue: "PUT")
    public static let patch = HTTPMethod(rawValue: "PATCH")
    public static let delete = HTTPMethod(rawValue: "DELETE")
    public static let options = HTTPMethod(rawValue: "OPTIONS")
}

extension HTTPMethod: CustomStringConvertible {
    public var description: String { rawValue }
}
