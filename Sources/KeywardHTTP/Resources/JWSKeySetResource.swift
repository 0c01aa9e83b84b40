import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `GET /{environmentID}/jws/jwks`: the public keys that verify JWS made with
/// `POST /v1/environments/{environmentID}/keys/{keyID}/jws`, without authentication (RFC 7517),
/// as `/{environmentID}/as/jwks` publishes the keys of access tokens. The two sets never share
/// a key: token verifiers use `/as/jwks` only.
struct JWSKeySetResource {
    let services: APIServices

    func register(in router: inout Router) {
        router.add(.get, "/{environmentID}/jws/jwks", handler: jwks)
    }

    @Sendable func jwks(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let text = context.pathParameters["environmentID"] ?? ""
        guard let environmentID = UUID(text: text) else {
            throw CoreError.notFound(resource: "Environment", id: text)
        }
        let keys = try services.keys.jwsVerificationKeys(in: environmentID)
        var response = try HTTPResponse.json(TokenResource.KeySet(keys: keys))
        response.headers.set(name: "Cache-Control", value: "public, max-age=300")
        return response
    }
}
