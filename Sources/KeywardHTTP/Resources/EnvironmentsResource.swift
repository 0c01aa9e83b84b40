import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `/v1/environments[/{environmentID}]`: the environments of the caller's organization.
///
/// Creating one also creates its default key and key rotation policy. Deleting one destroys
/// its keys (private keys included) and certificates; the environment the caller's own
/// application lives in cannot be deleted, so an installation cannot lock itself out.
struct EnvironmentsResource {
    let services: APIServices

    /// PingOne's environment body. Keyward has no licensing: `region`, `type`, `license` and
    /// `billOfMaterials` are optional, stored and echoed.
    struct Body: Decodable {
        var name: String?
        var description: String?
        var type: String?
        var region: String?
        var license: IDReference?
        var billOfMaterials: JSONValue?

        func request() throws -> EnvironmentRequest {
            guard let name else { throw CoreError.missingValue(field: "name") }
            let billOfMaterialsJSON = try billOfMaterials.map {
                String(decoding: try JSONEncoder().encode($0), as: UTF8.self)
            }
            return EnvironmentRequest(
                name: name,
                description: description,
                region: region,
                type: type,
                licenseID: license?.id,
                billOfMaterialsJSON: billOfMaterialsJSON
            )
        }
    }

    func register(in router: inout Router) {
        router.add(.get, "/v1/environments", handler: list)
        router.add(.post, "/v1/environments", handler: create)
        router.add(.get, "/v1/environments/{environmentID}", handler: get)
        router.add(.put, "/v1/environments/{environmentID}", handler: update)
        router.add(.delete, "/v1/environments/{environmentID}", handler: delete)
    }

    /// The environments the caller may read: all of them with `orgmgt:read:environment` at
    /// the organization, otherwise those it holds that permission on; 403 when it has none.
    @Sendable func list(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let principal = try Authentication.organization(
            request,
            services: services,
            permission: .readEnvironment,
            organizationWide: false
        )
        if request.queryValue("filter") != nil {
            throw HTTPError.invalidFilter(reason: "the environment list cannot be filtered in this version")
        }
        let scopes = Set(try services.roleAssignments.scopes(of: principal, granting: .readEnvironment))
        let environments = try services.environments.list(in: principal.organizationID).filter {
            scopes.contains(.organization(principal.organizationID)) || scopes.contains(.environment($0.id))
        }
        return try .json(
            CollectionRepresentation(
                name: "environments",
                items: environments.map { EnvironmentRepresentation($0, services: services) },
                selfURL: services.apiURL("/environments"),
                nextURL: nil,
                count: environments.count
            )
        )
    }

    /// Needs `orgmgt:create:environment` at the organization. The creator gets Environment Admin
    /// on the new environment unless it holds it organization-wide (PingOne's automatic grant).
    @Sendable func create(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let principal = try Authentication.organization(
            request,
            services: services,
            permission: .createEnvironment,
            organizationWide: true
        )
        let body = try JSONRequestBody.decode(Body.self, from: request)
        let environment = try services.environments.create(
            try body.request(),
            in: principal.organizationID,
            grantingEnvironmentAdminTo: principal.clientID
        )
        services.roleAssignments.forget(principal.clientID)
        let representation = EnvironmentRepresentation(environment, services: services)
        var response = try HTTPResponse.json(representation, status: .created)
        response.headers.set(name: "Location", value: representation.links["self"]?.href ?? "")
        return response
    }

    @Sendable func get(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let id = try Authentication.environment(request, context, services: services, permission: .readEnvironment)
        return try .json(EnvironmentRepresentation(try services.environments.get(id), services: services))
    }

    @Sendable func update(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let id = try Authentication.environment(
            request,
            context,
            services: services,
            permission: .updateEnvironment
        )
        let body = try JSONRequestBody.decode(Body.self, from: request)
        let environment = try services.environments.update(id, with: try body.request())
        return try .json(EnvironmentRepresentation(environment, services: services))
    }

    @Sendable func delete(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let access = try Authentication.environmentAccess(
            request,
            context,
            services: services,
            permission: .deleteEnvironment
        )
        let (principal, id) = (access.principal, access.environmentID)
        guard id != principal.environmentID else {
            throw CoreError.conflict(
                reason: "the environment of the application making the request cannot be deleted by it"
            )
        }
        try services.environments.delete(id)
        services.directory.forget(id)
        return HTTPResponse(status: .noContent)
    }
}
