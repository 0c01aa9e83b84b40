/// The only code that knows which status and PingOne `code` each error gets.
///
/// PingOne codes used (see `shared/reference/pingone-certificate-management.md` §5.7):
/// - 404 `NOT_FOUND`, PingOne's own code and message.
/// - 405 `INVALID_REQUEST`: PingOne has no documented code for 405; `INVALID_REQUEST` is its
///   code for "malformed request (bad HTTP request)", which a wrong method is. An `Allow`
///   header lists the methods the path has.
/// - 413 `INVALID_REQUEST` with a `SIZE_LIMIT_EXCEEDED` detail targeting `body`.
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
        }
    }

    private static func make(_ status: HTTPStatus, _ body: ErrorBody) -> HTTPResponse {
        // Encoding four strings cannot fail in practice; if it ever did, the client still gets JSON.
        let bytes = (try? JSONCoding.makeEncoder().encode(body)).map(Array.init) ?? Array(fallbackBody.utf8)
        return HTTPResponse(status: status, headers: ["Content-Type": JSONCoding.contentType], body: bytes)
    }

    private static let fallbackBody = #"{"code":"UNEXPECTED_ERROR","message":"Unexpected error"}"#
}
