import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The checks every API call passes, in this order: the bearer token (RFC 6750; 401), the
/// tenant (a record of another organization, or an unknown id, is 404), then the permission the
/// endpoint states here (403). Checking tenancy before permission means a denial never tells a
/// caller that an id exists elsewhere.
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

    /// Authenticates the request and returns the environment of its path, checked as above,
    /// once the caller's roles grant `permission` on that environment.
    static func environment(
        _ request: HTTPRequest,
        _ context: RequestContext,
        services: APIServices,
        permission: Permission
    ) throws -> UUID {
        try environmentAccess(request, context, services: services, permission: permission).environmentID
    }

    /// The caller and the environment of the path, checked as above, with `permission`
    /// required there (none when `nil`: the handler then calls `EnvironmentAccess.require`,
    /// e.g. once it knows whether `Accept` asks for an export).
    static func environmentAccess(
        _ request: HTTPRequest,
        _ context: RequestContext,
        services: APIServices,
        permission: Permission?
    ) throws -> EnvironmentAccess {
        let principal = try principal(of: request, services: services)
        let access = EnvironmentAccess(
            principal: principal,
            environmentID: try environmentID(context, for: principal, services: services),
            services: services
        )
        if let permission { try access.require(permission) }
        return access
    }

    /// The caller, once its roles grant `permission` over its whole organization
    /// (`organizationWide`, e.g. to create an environment) or at least somewhere in it (to read
    /// the organization or the role list, or to list the environments it may see).
    static func organization(
        _ request: HTTPRequest,
        services: APIServices,
        permission: Permission,
        organizationWide: Bool
    ) throws -> Principal {
        let principal = try principal(of: request, services: services)
        if organizationWide {
            try services.roleAssignments.authorize(principal, permission, at: .organization(principal.organizationID))
        } else if try services.roleAssignments.scopes(of: principal, granting: permission).isEmpty {
            throw CoreError.forbidden(reason: "the caller's roles do not grant \(permission.rawValue) anywhere")
        }
        return principal
    }

    /// The path parameter `name` as a UUID, or 404 for `resource`.
    static func recordID(_ name: String, _ context: RequestContext, resource: String) throws -> UUID {
        let text = context.pathParameters[name] ?? ""
        guard let id = UUID(text: text) else { throw CoreError.notFound(resource: resource, id: text) }
        return id
    }
}
