/// The only code that knows which status and PingOne `code` each error gets.
///
/// PingOne codes used (see `shared/reference/pingone-certificate-management.md` §5.7):
/// - 404 `NOT_FOUND`, PingOne's own code and message.
/// - 405 `INVALID_REQUEST`: PingOne has no documented code for 405; `INVALID_REQUEST` is its
///   code for "malformed request (bad HTTP request)", which a wrong method is. An `Allow`
///   header lists the methods the path has.
/// - 413 `INVALID_REQUEST` with a `SIZE_LIMIT_EXCEEDED` detail targeting `body`.
/// - 415 `INVALID_REQUEST` (PingOne's code for an unsupported media type) with an `INVALID_VALUE`
///   detail targeting `Content-Type`.
/// - 406 `INVALID_REQUEST` with an `INVALID_VALUE` detail targeting `Accept`: PingOne documents no
///   code for 406; like 405, it is a request the resource cannot serve as made.
/// - 400 `INVALID_REQUEST` with an `INVALID_VALUE` detail targeting `body` for a form body that
///   does not parse (bad HTTP request, in PingOne's words).
/// - 500 `UNEXPECTED_ERROR` for anything not mapped here; the caller logs the error.
enum ErrorResponse {
    /// The header that carries the request id on every response.
    static let requestIDHeader = "X-Request-Id"

    /// The error response for `error`, with its JSON body; `X-Request-Id` is added by the caller.
    static func response(for error: any Error, requestID: String) -> HTTPResponse {
        guard let error = error as? HTTPError else {
            // A bug or an outage: the caller logs `error` with the request id; the client learns nothing more.
            return make(
                .internalServerError,
                ErrorBody(id: requestID, code: "UNEXPECTED_ERROR", message: "Unexpected error")
            )
        }
        switch error {  // exhaustive on purpose: a new case does not compile until someone maps it
        case .notFound:
            let body = ErrorBody(id: requestID, code: "NOT_FOUND", message: "The requested resource was not found.")
            return make(.notFound, body)
        case .methodNotAllowed(let method, let allowed):
            let list = allowed.map(\.rawValue).joined(separator: ", ")
            let message = "The method \(method) is not allowed on this resource; allowed: \(list)."
            var response = make(.methodNotAllowed, ErrorBody(id: requestID, code: "INVALID_REQUEST", message: message))
            response.headers.set(name: "Allow", value: list)
            return response
        case .bodyTooLarge(let limit):
            let message = "The request body exceeds the limit of \(limit) bytes."
            let detail = ErrorBody.Detail(code: "SIZE_LIMIT_EXCEEDED", target: "body", message: message)
            let body = ErrorBody(id: requestID, code: "INVALID_REQUEST", message: message, details: [detail])
            return make(.contentTooLarge, body)
        case .unsupportedMediaType(let received, let supported):
            let list = supported.joined(separator: ", ")
            let message = "The content type \(received ?? "(none)") is not supported here; send one of: \(list)."
            return make(.unsupportedMediaType, invalidRequest(requestID, target: "Content-Type", message: message))
        case .notAcceptable(let offered):
            let list = offered.joined(separator: ", ")
            let message = "None of the media types in the Accept header can be produced; available: \(list)."
            return make(.notAcceptable, invalidRequest(requestID, target: "Accept", message: message))
        case .malformedForm(let reason):
            let message = "The form body could not be parsed: \(reason)."
            return make(.badRequest, invalidRequest(requestID, target: "body", message: message))
        }
    }

    /// An `INVALID_REQUEST` body with one `INVALID_VALUE` detail naming `target`.
    private static func invalidRequest(_ requestID: String, target: String, message: String) -> ErrorBody {
        let detail = ErrorBody.Detail(code: "INVALID_VALUE", target: target, message: message)
        return ErrorBody(id: requestID, code: "INVALID_REQUEST", message: message, details: [detail])
    }

    private static func make(_ status: HTTPStatus, _ body: ErrorBody) -> HTTPResponse {
        // Encoding four strings cannot fail in practice; if it ever did, the client still gets JSON.
        let bytes = (try? JSONCoding.makeEncoder().encode(body)).map(Array.init) ?? Array(fallbackBody.utf8)
        return HTTPResponse(status: status, headers: ["Content-Type": JSONCoding.contentType], body: bytes)
    }

    private static let fallbackBody = #"{"code":"UNEXPECTED_ERROR","message":"Unexpected error"}"#
}
