import KeywardCore

/// `/v1/roles[/{roleID}]`: the built-in roles, read-only (`permissions:read:roles` anywhere in
/// the caller's organization). Keyward has no custom roles, so `/environments/{env}/roles` is
/// not served.
struct RolesResource {
    let services: APIServices

    func register(in router: inout Router) {
        router.add(.get, "/v1/roles", handler: list)
        router.add(.get, "/v1/roles/{roleID}", handler: get)
    }

    @Sendable func list(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        _ = try Authentication.organization(
            request,
            services: services,
            permission: .readRoles,
            organizationWide: false
        )
        return try .json(
            CollectionRepresentation(
                name: "roles",
                items: BuiltInRoles.all.map { RoleRepresentation($0, services: services) },
                selfURL: services.apiURL("/roles"),
                nextURL: nil,
                count: BuiltInRoles.all.count
            )
        )
    }

    @Sendable func get(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        _ = try Authentication.principal(of: request, services: services)
        let id = try Authentication.recordID("roleID", context, resource: "Role")
        guard let role = BuiltInRoles.role(id: id) else {
            throw CoreError.notFound(resource: "Role", id: id.lowercaseString)
        }
        _ = try Authentication.organization(
            request,
            services: services,
            permission: .readRoles,
            organizationWide: false
        )
        return try .json(RoleRepresentation(role, services: services))
    }
}
