import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The bearer-token check every API call passes first (RFC 6750), and the tenant check after it.
enum Authentication {
    /// The principal of the request's `Authorization: Bearer` token; `unauthenticated` otherwise.
    static func principal(of request: HTTPRequest, services: APIServices) throws -> Principal {
        guard let header = request.headers["Authorization"] else {
            throw CoreError.unauthenticated(reason: "the Authorization header is missing")
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw CoreError.unauthenticated(reason: "the Authorization header is not a Bearer token")
        }
        let principal = try services.tokens.authenticate(bearer: String(parts[1]))
        // Verified tokens are cached for up to a minute: without this check a client of a
        // deleted environment kept full access to its organization until the entry ran out.
        guard
            try services.directory.organization(ofEnvironment: principal.environmentID, services: services)
                == principal.organizationID
        else {
            throw CoreError.unauthenticated(reason: "the access token's environment no longer exists")
        }
        try services.rateLimiter.admit(clientID: principal.clientID.lowercaseString)
        AuditContext.current?.identify(principal)  // the actor of the request's audit events
        return principal
    }

    /// The environment named by the path's `environmentID`, if the principal may see it: one of
    /// its organization. Any other id — malformed, unknown, another organization's — is 404.
    static func environmentID(
        _ context: RequestContext,
        for principal: Principal,
        services: APIServices
    ) throws -> UUID {
        let text = context.pathParameters["environmentID"] ?? ""
        guard let id = UUID(text: text),
            try services.directory.organization(ofEnvironment: id, services: services) == principal.organizationID
        else {
            throw CoreError.notFound(resource: "Environment", id: text)
        }
        return id
    }

    /// Authenticates the request and returns the environment of its path, checked as above.
    static func environment(_ request: HTTPRequest, _ context: RequestContext, services: APIServices) throws -> UUID {
        try environmentID(context, for: try principal(of: request, services: services), services: services)
    }

    /// The path parameter `name` as a UUID, or 404 for `resource`.
    static func recordID(_ name: String, _ context: RequestContext, resource: String) throws -> UUID {
        let text = context.pathParameters[name] ?? ""
        guard let id = UUID(text: text) else { throw CoreError.notFound(resource: resource, id: text) }
        return id
    }
}
