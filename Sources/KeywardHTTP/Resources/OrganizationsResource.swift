import KeywardCore

/// `/v1/organizations[/{organizationID}]`: the caller's own organization, read-only as in
/// PingOne. Another organization's id is 404. Reading it needs `orgmgt:read:organization` at
/// the organization or at any of its environments.
struct OrganizationsResource {
    let services: APIServices

    func register(in router: inout Router) {
        router.add(.get, "/v1/organizations", handler: list)
        router.add(.get, "/v1/organizations/{organizationID}", handler: get)
    }

    @Sendable func list(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let principal = try Authentication.organization(
            request,
            services: services,
            permission: .readOrganization,
            organizationWide: false
        )
        let organization = try services.organizations.get(principal.organizationID)
        return try .json(
            CollectionRepresentation(
                name: "organizations",
                items: [OrganizationRepresentation(organization, services: services)],
                selfURL: services.apiURL("/organizations"),
                nextURL: nil,
                count: 1
            )
        )
    }

    @Sendable func get(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let principal = try Authentication.principal(of: request, services: services)
        let id = try Authentication.recordID("organizationID", context, resource: "Organization")
        guard id == principal.organizationID else {
            throw CoreError.notFound(resource: "Organization", id: id.lowercaseString)
        }
        _ = try Authentication.organization(
            request,
            services: services,
            permission: .readOrganization,
            organizationWide: false
        )
        return try .json(OrganizationRepresentation(try services.organizations.get(id), services: services))
    }
}
