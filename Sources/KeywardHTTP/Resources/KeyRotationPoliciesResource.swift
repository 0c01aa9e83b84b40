import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `/v1/environments/{environmentID}/keyRotationPolicies[/{policyID}]`: PingOne's key rotation
/// policies (create, list, read, replace, delete), their JWKS (`…/{policyID}/jwks`), and
/// Keyward's manual rotation (`POST …/{policyID}/rotate`).
struct KeyRotationPoliciesResource {
    let services: APIServices

    func register(in router: inout Router) {
        let path = "/v1/environments/{environmentID}/keyRotationPolicies"
        router.add(.get, path, handler: list)
        router.add(.post, path, handler: create)
        router.add(.get, path + "/{policyID}", handler: get)
        router.add(.put, path + "/{policyID}", handler: update)
        router.add(.delete, path + "/{policyID}", handler: delete)
        router.add(.get, path + "/{policyID}/jwks", handler: jwks)
        router.add(.post, path + "/{policyID}/rotate", handler: rotate)
    }

    @Sendable func list(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try access(request, context, .readKeyRotationPolicy)
        let policies = try services.rotationPolicies.list(in: environmentID)
        return try .json(
            CollectionRepresentation(
                name: "keyRotationPolicies",
                items: policies.map { RotationPolicyRepresentation($0, services: services) },
                selfURL: services.apiURL("/environments/\(environmentID.lowercaseString)/keyRotationPolicies"),
                nextURL: nil,
                count: policies.count
            )
        )
    }

    @Sendable func create(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try access(request, context, .createKeyRotationPolicy)
        let body = try JSONRequestBody.decode(RotationPolicyBody.self, from: request)
        let policy = try services.rotationPolicies.create(body.request, in: environmentID)
        var response = try HTTPResponse.json(RotationPolicyRepresentation(policy, services: services), status: .created)
        response.headers.set(name: "Location", value: RotationPolicyRepresentation.url(policy, services: services))
        return response
    }

    @Sendable func get(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try access(request, context, .readKeyRotationPolicy)
        let policy = try services.rotationPolicies.get(try Self.policyID(context), in: environmentID)
        return try .json(RotationPolicyRepresentation(policy, services: services))
    }

    @Sendable func update(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try access(request, context, .updateKeyRotationPolicy)
        let id = try Self.policyID(context)
        _ = try services.rotationPolicies.get(id, in: environmentID)
        let body = try JSONRequestBody.decode(RotationPolicyBody.self, from: request)
        let policy = try services.rotationPolicies.update(id, in: environmentID, with: body.request)
        return try .json(RotationPolicyRepresentation(policy, services: services))
    }

    @Sendable func delete(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try access(request, context, .deleteKeyRotationPolicy)
        try services.rotationPolicies.delete(try Self.policyID(context), in: environmentID)
        return HTTPResponse(status: .noContent)
    }

    /// The policy's published public keys (previous until it retires, current, next) as a JWK Set.
    @Sendable func jwks(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try access(request, context, .readKeyRotationPolicy)
        let policy = try services.rotationPolicies.get(try Self.policyID(context), in: environmentID)
        let keys = try services.rotationPolicies.publishedKeys(of: policy, at: services.clock.now)
        return try .json(TokenResource.KeySet(keys: try keys.map(services.tokens.publicKey(of:))))
    }

    /// Rotates now (Keyward's extension): 200 with the policy after the rotation.
    @Sendable func rotate(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try access(request, context, .rotateKeyRotationPolicy)
        let policy = try services.rotationPolicies.rotate(try Self.policyID(context), in: environmentID)
        return try .json(RotationPolicyRepresentation(policy, services: services))
    }

    private func access(_ request: HTTPRequest, _ context: RequestContext, _ permission: Permission) throws -> UUID {
        try Authentication.environment(request, context, services: services, permission: permission)
    }

    static func policyID(_ context: RequestContext) throws -> UUID {
        try Authentication.recordID("policyID", context, resource: "Key rotation policy")
    }
}
