import KeywardCore
import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `POST /{environmentID}/as/token`: OAuth 2.0 `client_credentials` (RFC 6749 §4.4), with the
/// client's id and secret in HTTP Basic (`client_secret_basic`) or in the form
/// (`client_secret_post`), never both. `GET /{environmentID}/as/jwks`: the public keys that
/// verify the environment's tokens, without authentication (RFC 7517).
struct TokenResource {
    let services: APIServices

    func register(in router: inout Router) {
        router.add(.post, "/{environmentID}/as/token", handler: token)
        router.add(.get, "/{environmentID}/as/jwks", handler: jwks)
    }

    struct TokenBody: Encodable {
        let accessToken: String
        let tokenType = "Bearer"
        let expiresIn: Int

        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token"
            case tokenType = "token_type"
            case expiresIn = "expires_in"
        }
    }

    struct KeySet: Encodable {
        let keys: [JSONWebKey]
    }

    @Sendable func token(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let requestID = context.requestID
        guard MediaType.essence(of: request.headers["Content-Type"]) == "application/x-www-form-urlencoded",
            let form = request.form
        else {
            return OAuthErrorResponse.badRequest(
                "invalid_request",
                "the body must be application/x-www-form-urlencoded",
                requestID: requestID
            )
        }
        guard let grantType = form.field("grant_type")?.text else {
            return OAuthErrorResponse.badRequest("invalid_request", "grant_type is required", requestID: requestID)
        }
        guard grantType == "client_credentials" else {
            return OAuthErrorResponse.badRequest(
                "unsupported_grant_type",
                "only client_credentials is supported",
                requestID: requestID
            )
        }
        let basic = try? ClientCredentials(basicAuthorization: request.headers["Authorization"])
        let posted = ClientCredentials(form: form)
        if request.headers["Authorization"] != nil && basic == nil {
            return OAuthErrorResponse.invalidClient(
                "the Authorization header is not valid Basic credentials",
                requestID: requestID
            )
        }
        if basic != nil && posted != nil {
            return OAuthErrorResponse.badRequest(
                "invalid_request",
                "client credentials are sent twice: use either HTTP Basic or the form, not both",
                requestID: requestID
            )
        }
        guard let credentials = basic ?? posted else {
            return OAuthErrorResponse.invalidClient("client authentication is required", requestID: requestID)
        }
        guard let environmentID = UUID(text: context.pathParameters["environmentID"] ?? "") else {
            throw CoreError.notFound(resource: "Environment", id: context.pathParameters["environmentID"] ?? "")
        }
        let limiter = services.rateLimiter
        do {
            try limiter.checkLockout(clientID: credentials.clientID, address: request.clientAddress)
        } catch {
            guard case .authenticationLockedOut(let retryAfter) = error else { throw error }
            return OAuthErrorResponse.lockedOut(retryAfter: retryAfter, requestID: requestID)
        }
        let issued: TokenService.IssuedToken
        do {
            issued = try services.tokens.issue(
                clientID: credentials.clientID,
                secret: credentials.secret,
                in: environmentID
            )
        } catch {
            guard case .unauthenticated(let reason) = error else { throw error }
            limiter.recordFailure(clientID: credentials.clientID, address: request.clientAddress)
            return OAuthErrorResponse.invalidClient(reason, requestID: requestID)
        }
        limiter.recordSuccess(clientID: credentials.clientID, address: request.clientAddress)
        var response = try HTTPResponse.json(TokenBody(accessToken: issued.accessToken, expiresIn: issued.expiresIn))
        response.headers.set(name: "Cache-Control", value: "no-store")
        response.headers.set(name: "Pragma", value: "no-cache")
        return response
    }

    @Sendable func jwks(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let text = context.pathParameters["environmentID"] ?? ""
        guard let environmentID = UUID(text: text) else {
            throw CoreError.notFound(resource: "Environment", id: text)
        }
        var response = try HTTPResponse.json(KeySet(keys: try services.tokens.signingKeys(in: environmentID)))
        response.headers.set(name: "Cache-Control", value: "public, max-age=300")
        return response
    }
}
