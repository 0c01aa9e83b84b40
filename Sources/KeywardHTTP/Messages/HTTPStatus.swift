/// An HTTP status code; libmicrohttpd writes the matching reason phrase.
public struct HTTPStatus: Hashable, Sendable {
    /// The three-digit code, e.g. 404.
    public let code: Int

    /// Wraps a status code.
    public init(code: Int) {
        self.code = code
    }

    /// True for 5xx: a failure on Keyward's side, which is logged with the request id.
    public var isServerError: Bool { (500..<600).contains(code) }

    public static let ok = HTTPStatus(code: 200)
    public static let created = HTTPStatus(code: 201)
    public static let accepted = HTTPStatus(code: 202)
    public static let noContent = HTTPStatus(code: 204)
    public static let badRequest = HTTPStatus(code: 400)
    public static let unauthorized = HTTPStatus(code: 401)
    public static let forbidden = HTTPStatus(code: 403)
    public static let notFound = HTTPStatus(code: 404)
    public static let methodNotAllowed = HTTPStatus(code: 405)
    public static let notAcceptable = HTTPStatus(code: 406)
    public static let contentTooLarge = HTTPStatus(code: 413)
    public static let unsupportedMediaType = HTTPStatus(code: 415)
    public static let tooManyRequests = HTTPStatus(code: 429)
    public static let internalServerError = HTTPStatus(code: 500)
}

extension HTTPStatus: CustomStringConvertible {
    public var description: String { String(code) }
}
