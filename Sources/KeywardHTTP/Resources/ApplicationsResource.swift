import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `/v1/environments/{environmentID}/applications[/{applicationID}]`: worker applications
/// (API clients). A new application holds no role unless `assignActorRoles` is `true`, which
/// gives it the creator's. Changing or deleting an application that holds a role the caller
/// could not grant is refused, as is deleting the caller itself.
struct ApplicationsResource {
    let services: APIServices

    func register(in router: inout Router) {
        let path = "/v1/environments/{environmentID}/applications"
        router.add(.get, path, handler: list)
        router.add(.post, path, handler: create)
        router.add(.get, path + "/{applicationID}", handler: get)
        router.add(.put, path + "/{applicationID}", handler: update)
        router.add(.delete, path + "/{applicationID}", handler: delete)
    }

    @Sendable func list(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try Authentication.environment(
            request,
            context,
            services: services,
            permission: .readApplication
        )
        let applications = try services.applications.list(in: environmentID)
        return try .json(
            CollectionRepresentation(
                name: "applications",
                items: applications.map { ApplicationRepresentation.json($0, services: services) },
                selfURL: services.apiURL("/environments/\(environmentID.lowercaseString)/applications"),
                nextURL: nil,
                count: applications.count
            )
        )
    }

    /// 201 with the application; its secret is read with `POST …/secret` (which rotates it), as
    /// only a hash is stored.
    @Sendable func create(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let access = try Authentication.environmentAccess(
            request,
            context,
            services: services,
            permission: .createApplication
        )
        let body = try ApplicationBody(request)
        let (application, _) = try services.applications.create(
            body.request,
            in: access.environmentID,
            copyingRolesOf: body.assignActorRoles ? access.principal.clientID : nil
        )
        var response = try HTTPResponse.json(
            ApplicationRepresentation.json(application, services: services),
            status: .created
        )
        response.headers.set(name: "Location", value: ApplicationRepresentation.url(application, services: services))
        return response
    }

    @Sendable func get(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try Authentication.environment(
            request,
            context,
            services: services,
            permission: .readApplication
        )
        let application = try services.applications.get(try Self.applicationID(context), in: environmentID)
        return try .json(ApplicationRepresentation.json(application, services: services))
    }

    @Sendable func update(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let access = try Authentication.environmentAccess(
            request,
            context,
            services: services,
            permission: .updateApplication
        )
        let id = try Self.applicationID(context)
        _ = try services.applications.get(id, in: access.environmentID)
        try services.roleAssignments.requireCanManage(id, by: access.principal)
        let body = try ApplicationBody(request)
        let application = try services.applications.update(id, in: access.environmentID, with: body.request)
        return try .json(ApplicationRepresentation.json(application, services: services))
    }

    @Sendable func delete(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let access = try Authentication.environmentAccess(
            request,
            context,
            services: services,
            permission: .deleteApplication
        )
        let id = try Self.applicationID(context)
        _ = try services.applications.get(id, in: access.environmentID)
        guard id != access.principal.clientID else {
            throw CoreError.conflict(reason: "the application making the request cannot delete itself")
        }
        try services.roleAssignments.requireCanManage(id, by: access.principal)
        try services.applications.delete(id, in: access.environmentID)
        services.roleAssignments.forget(id)
        return HTTPResponse(status: .noContent)
    }

    static func applicationID(_ context: RequestContext) throws -> UUID {
        try Authentication.recordID("applicationID", context, resource: "Application")
    }
}
