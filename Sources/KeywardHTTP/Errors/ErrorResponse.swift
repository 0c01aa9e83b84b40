import KeywardCore

/// The only code that knows which status and PingOne `code` each error gets.
///
/// PingOne codes used (see `shared/reference/pingone-certificate-management.md` §5.7):
/// - 400 `INVALID_DATA` for values the rules refuse, with a detail naming the field:
///   `INVALID_VALUE`, `REQUIRED_VALUE`, `UNIQUENESS_VIOLATION`, `CONSTRAINT_VIOLATION`,
///   `INVALID_FILTER`.
/// - 400 `INVALID_REQUEST` for a request that cannot be read (bad JSON, with the parser's
///   position); 405, 406, 413 and 415 use it too, PingOne having no code of its own for them.
/// - 401 `ACCESS_FAILED` with detail `INVALID_TOKEN` and a `WWW-Authenticate: Bearer` challenge.
/// - 403 `ACCESS_FAILED` with detail `INSUFFICIENT_PERMISSIONS` and PingOne's message "The actor
///   attempting to perform the request is not authorized." (Terraform retries on it), only for
///   a caller whose roles do not allow the request; the detail says which permission or role.
/// - 404 `NOT_FOUND`, PingOne's own code and message, also for another tenant's record.
/// - 429 `REQUEST_LIMITED` with detail `LIMIT_EXCEEDED` and `Retry-After` (seconds).
/// - 500 `UNEXPECTED_ERROR` for anything else; the caller logs the error, the client gets only the id.
enum ErrorResponse {
    /// The header that carries the request id on every response.
    static let requestIDHeader = "X-Request-Id"

    /// PingOne's message for a denied request, which Terraform's retry logic looks for.
    static let notAuthorizedMessage = "The actor attempting to perform the request is not authorized."

    static let invalidDataMessage =
        "The request could not be completed. One or more validation errors were in the request."

    /// The error response for `error`, with its JSON body; `X-Request-Id` is added by the caller.
    static func response(for error: any Error, requestID: String) -> HTTPResponse {
        if let error = error as? HTTPError {
            return response(for: error, requestID: requestID)
        }
        if let error = error as? CoreError {
            return response(for: error, requestID: requestID)
        }
        return unexpected(requestID)
    }

    private static func response(for error: CoreError, requestID: String) -> HTTPResponse {
        switch error {  // exhaustive on purpose: a new case does not compile until someone maps it
        case .notFound:
            return make(
                .notFound,
                ErrorBody(id: requestID, code: "NOT_FOUND", message: "The requested resource was not found.")
            )
        case .invalidValue(let field, let reason):
            return invalidData(requestID, "INVALID_VALUE", field, "\(field): \(reason)")
        case .missingValue(let field):
            return invalidData(requestID, "REQUIRED_VALUE", field, "\(field) is required")
        case .duplicate(let field, let reason):
            return invalidData(requestID, "UNIQUENESS_VIOLATION", field, reason)
        case .conflict(let reason):
            return invalidData(requestID, "CONSTRAINT_VIOLATION", nil, reason)
        case .unauthenticated(let reason):
            let detail = ErrorBody.Detail(code: "INVALID_TOKEN", target: "Authorization", message: reason)
            let body = ErrorBody(
                id: requestID,
                code: "ACCESS_FAILED",
                message: "The request could not be completed. You do not have access to this resource.",
                details: [detail]
            )
            var response = make(.unauthorized, body)
            response.headers.set(name: "WWW-Authenticate", value: "Bearer realm=\"keyward\"")
            return response
        case .forbidden(let reason):
            let detail = ErrorBody.Detail(code: "INSUFFICIENT_PERMISSIONS", target: nil, message: reason)
            return make(
                .forbidden,
                ErrorBody(id: requestID, code: "ACCESS_FAILED", message: notAuthorizedMessage, details: [detail])
            )
        case .limitExceeded(let resource, let limit):
            let message = "The environment already holds \(limit) \(resource), the most allowed."
            let detail = ErrorBody.Detail(code: "LICENSE_EXCEEDED", target: resource, message: message)
            return make(
                .forbidden,
                ErrorBody(id: requestID, code: "ACCESS_FAILED", message: message, details: [detail])
            )
        case .notInitialised, .storeFailure, .cryptoFailure:
            return unexpected(requestID)
        }
    }

    private static func response(for error: HTTPError, requestID: String) -> HTTPResponse {
        switch error {  // exhaustive on purpose
        case .notFound:
            return make(
                .notFound,
                ErrorBody(id: requestID, code: "NOT_FOUND", message: "The requested resource was not found.")
            )
        case .methodNotAllowed(let method, let allowed):
            let list = allowed.map(\.rawValue).joined(separator: ", ")
            let message = "The method \(method) is not allowed on this resource; allowed: \(list)."
            var response = make(.methodNotAllowed, ErrorBody(id: requestID, code: "INVALID_REQUEST", message: message))
            response.headers.set(name: "Allow", value: list)
            return response
        case .bodyTooLarge(let limit):
            let message = "The request body exceeds the limit of \(limit) bytes."
            return invalidRequest(.contentTooLarge, requestID, "SIZE_LIMIT_EXCEEDED", "body", message)
        case .malformedJSON(let reason):
            return invalidRequest(
                .badRequest,
                requestID,
                "INVALID_VALUE",
                "body",
                "The body is not valid JSON: \(reason)"
            )
        case .malformedForm(let reason):
            let message = "The form body could not be parsed: \(reason)."
            return invalidRequest(.badRequest, requestID, "INVALID_VALUE", "body", message)
        case .rateLimited(let scope, let retryAfter):
            let message = "Too many requests from this \(scope); retry after \(retryAfter) s."
            return limited(requestID, target: scope, message: message, retryAfter: retryAfter)
        case .authenticationLockedOut(let retryAfter):
            let message =
                "Too many failed authentications of this client from this address; retry after \(retryAfter) s."
            return limited(requestID, target: "client_id", message: message, retryAfter: retryAfter)
        case .invalidFilter(let reason):
            return invalidData(requestID, "INVALID_FILTER", "filter", reason)
        case .unsupportedMediaType(let received, let supported):
            let message =
                "The media type \(received ?? "(none)") is not supported here; send one of: "
                + supported.joined(separator: ", ")
            return invalidRequest(.unsupportedMediaType, requestID, "INVALID_VALUE", "Content-Type", message)
        case .notAcceptable(let offered):
            let message =
                "None of the accepted media types can be produced; available: " + offered.joined(separator: ", ")
            return invalidRequest(.notAcceptable, requestID, "INVALID_VALUE", "Accept", message)
        }
    }

    private static func invalidData(_ requestID: String, _ code: String, _ target: String?, _ message: String)
        -> HTTPResponse
    {
        let detail = ErrorBody.Detail(code: code, target: target, message: message)
        return make(
            .badRequest,
            ErrorBody(id: requestID, code: "INVALID_DATA", message: invalidDataMessage, details: [detail])
        )
    }

    private static func invalidRequest(
        _ status: HTTPStatus,
        _ requestID: String,
        _ code: String,
        _ target: String,
        _ message: String
    ) -> HTTPResponse {
        let detail = ErrorBody.Detail(code: code, target: target, message: message)
        return make(status, ErrorBody(id: requestID, code: "INVALID_REQUEST", message: message, details: [detail]))
    }

    /// 429 `REQUEST_LIMITED` with a `LIMIT_EXCEEDED` detail and `Retry-After`, as PingOne answers.
    private static func limited(_ requestID: String, target: String, message: String, retryAfter: Int) -> HTTPResponse {
        let detail = ErrorBody.Detail(code: "LIMIT_EXCEEDED", target: target, message: message)
        var response = make(
            .tooManyRequests,
            ErrorBody(id: requestID, code: "REQUEST_LIMITED", message: message, details: [detail])
        )
        response.headers.set(name: "Retry-After", value: String(retryAfter))
        return response
    }

    /// A bug or an outage: the caller logs the error with the request id; the client learns nothing more.
    private static func unexpected(_ requestID: String) -> HTTPResponse {
        make(.internalServerError, ErrorBody(id: requestID, code: "UNEXPECTED_ERROR", message: "Unexpected error"))
    }

    private static func make(_ status: HTTPStatus, _ body: ErrorBody) -> HTTPResponse {
        // Encoding four strings cannot fail in practice; if it ever did, the client still gets JSON.
        let bytes = (try? JSONCoding.makeEncoder().encode(body)).map(Array.init) ?? Array(fallbackBody.utf8)
        return HTTPResponse(status: status, headers: ["Content-Type": JSONCoding.contentType], body: bytes)
    }

    private static let fallbackBody = #"{"code":"UNEXPECTED_ERROR","message":"Unexpected error"}"#
}
