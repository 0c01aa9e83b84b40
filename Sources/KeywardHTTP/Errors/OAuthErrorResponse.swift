import KeywardCore

/// Errors of the token endpoint, in OAuth 2.0's shape (RFC 6749 §5.2: `error`,
/// `error_description`), which OAuth client libraries read, plus PingOne's `id`, `code` and
/// `message`, so that a client reading either form understands the answer.
enum OAuthErrorResponse {
    struct Body: Encodable {
        let error: String
        let errorDescription: String
        let id: String
        let code: String
        let message: String

        enum CodingKeys: String, CodingKey {
            case error
            case errorDescription = "error_description"
            case id, code, message
        }
    }

    /// `invalid_request`, `unsupported_grant_type` … with status 400.
    static func badRequest(_ error: String, _ description: String, requestID: String) -> HTTPResponse {
        make(.badRequest, error, description, code: "INVALID_REQUEST", requestID: requestID)
    }

    /// `invalid_client`, 401, with the `WWW-Authenticate` challenge RFC 6749 asks for.
    static func invalidClient(_ description: String, requestID: String) -> HTTPResponse {
        var response = make(.unauthorized, "invalid_client", description, code: "ACCESS_FAILED", requestID: requestID)
        response.headers.set(name: "WWW-Authenticate", value: "Basic realm=\"keyward\"")
        return response
    }

    /// 429 with `Retry-After` while a client id is locked out after failed authentications from
    /// this address; `invalid_client`, as the cause is the credentials.
    static func lockedOut(retryAfter: Int, requestID: String) -> HTTPResponse {
        let description =
            "too many failed authentications of this client from this address; retry after \(retryAfter) s"
        var response = make(
            .tooManyRequests,
            "invalid_client",
            description,
            code: "REQUEST_LIMITED",
            requestID: requestID
        )
        response.headers.set(name: "Retry-After", value: String(retryAfter))
        return response
    }

    private static func make(
        _ status: HTTPStatus,
        _ error: String,
        _ description: String,
        code: String,
        requestID: String
    ) -> HTTPResponse {
        let body = Body(error: error, errorDescription: description, id: requestID, code: code, message: description)
        var response = (try? HTTPResponse.json(body, status: status)) ?? HTTPResponse(status: status)
        response.headers.set(name: "Cache-Control", value: "no-store")
        return response
    }
}
