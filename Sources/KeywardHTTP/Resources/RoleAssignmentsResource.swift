import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `/v1/environments/{environmentID}/applications/{applicationID}/roleAssignments[/{id}]`:
/// the roles an application holds. The rules (scope in the caller's organization, role
/// applicable to the scope, no escalation, no duplicate) are `RoleAssignmentService`'s.
struct RoleAssignmentsResource {
    let services: APIServices

    struct Body: Decodable {
        struct ScopeBody: Decodable {
            var id: String?
            var type: String?
        }
        var role: IDReferenceBody?
        var scope: ScopeBody?
    }

    struct IDReferenceBody: Decodable {
        var id: String?
    }

    func register(in router: inout Router) {
        let path = "/v1/environments/{environmentID}/applications/{applicationID}/roleAssignments"
        router.add(.get, path, handler: list)
        router.add(.post, path, handler: create)
        router.add(.get, path + "/{roleAssignmentID}", handler: get)
        router.add(.delete, path + "/{roleAssignmentID}", handler: delete)
    }

    @Sendable func list(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let access = try Authentication.environmentAccess(
            request,
            context,
            services: services,
            permission: .readRoleAssignments
        )
        let applicationID = try ApplicationsResource.applicationID(context)
        let assignments = try services.roleAssignments.list(for: applicationID, in: access.environmentID)
        let environment = access.environmentID.lowercaseString
        let url = services.apiURL("/environments/\(environment)/applications/\(applicationID.lowercaseString)")
        return try .json(
            CollectionRepresentation(
                name: "roleAssignments",
                items: try assignments.map { try representation($0, access) },
                selfURL: url + "/roleAssignments",
                nextURL: nil,
                count: assignments.count
            )
        )
    }

    @Sendable func create(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let access = try Authentication.environmentAccess(
            request,
            context,
            services: services,
            permission: .createRoleAssignments
        )
        let applicationID = try ApplicationsResource.applicationID(context)
        let body = try JSONRequestBody.decode(Body.self, from: request)
        guard let roleText = body.role?.id else { throw CoreError.missingValue(field: "role.id") }
        guard let roleID = UUID(text: roleText) else {
            throw CoreError.invalidValue(field: "role.id", reason: "must be a UUID")
        }
        guard let scopeText = body.scope?.id else { throw CoreError.missingValue(field: "scope.id") }
        guard let typeText = body.scope?.type else { throw CoreError.missingValue(field: "scope.type") }
        guard let scopeType = ScopeType(rawValue: typeText) else {
            throw CoreError.invalidValue(field: "scope", reason: "scope.type must be ORGANIZATION or ENVIRONMENT")
        }
        guard let scopeID = UUID(text: scopeText) else {
            throw CoreError.notFound(
                resource: scopeType == .organization ? "Organization" : "Environment",
                id: scopeText
            )
        }
        let assignment = try services.roleAssignments.create(
            roleID: roleID,
            scope: Scope(type: scopeType, id: scopeID),
            for: applicationID,
            in: access.environmentID,
            by: access.principal
        )
        let representation = try representation(assignment, access)
        var response = try HTTPResponse.json(representation, status: .created)
        response.headers.set(name: "Location", value: representation.links["self"]?.href ?? "")
        return response
    }

    @Sendable func get(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let access = try Authentication.environmentAccess(
            request,
            context,
            services: services,
            permission: .readRoleAssignments
        )
        let assignment = try services.roleAssignments.get(
            try Self.assignmentID(context),
            of: try ApplicationsResource.applicationID(context),
            in: access.environmentID
        )
        return try .json(try representation(assignment, access))
    }

    @Sendable func delete(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let access = try Authentication.environmentAccess(
            request,
            context,
            services: services,
            permission: .deleteRoleAssignments
        )
        try services.roleAssignments.delete(
            try Self.assignmentID(context),
            of: try ApplicationsResource.applicationID(context),
            in: access.environmentID,
            by: access.principal
        )
        return HTTPResponse(status: .noContent)
    }

    private func representation(_ assignment: RoleAssignment, _ access: EnvironmentAccess) throws
        -> RoleAssignmentRepresentation
    {
        RoleAssignmentRepresentation(
            assignment,
            environmentID: access.environmentID.lowercaseString,
            readOnly: try services.roleAssignments.isReadOnly(assignment, for: access.principal),
            services: services
        )
    }

    private static func assignmentID(_ context: RequestContext) throws -> UUID {
        try Authentication.recordID("roleAssignmentID", context, resource: "RoleAssignment")
    }
}
