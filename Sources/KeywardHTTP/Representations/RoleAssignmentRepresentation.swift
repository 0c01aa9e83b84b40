import KeywardCore

/// PingOne's application role assignment: `role.id`, `scope` (`id`, `type`), the application
/// and its environment, and `readOnly` — true when the caller is the assignment's application
/// or could not have granted it (so may not remove it).
struct RoleAssignmentRepresentation: Encodable {
    struct ScopeJSON: Encodable {
        let id: String
        let type: String
    }

    let links: [String: HALLink]
    let id: String
    let role: IDReference
    let scope: ScopeJSON
    let environment: IDReference
    let application: IDReference
    let readOnly: Bool
    let createdAt: String

    enum CodingKeys: String, CodingKey {
        case links = "_links"
        case id, role, scope, environment, application, readOnly, createdAt
    }

    init(_ assignment: RoleAssignment, environmentID: String, readOnly: Bool, services: APIServices) {
        let applicationURL = services.apiURL(
            "/environments/\(environmentID)/applications/\(assignment.applicationID.lowercaseString)"
        )
        id = assignment.id.lowercaseString
        links = [
            "self": HALLink(href: applicationURL + "/roleAssignments/\(id)"),
            "application": HALLink(href: applicationURL),
            "environment": HALLink(href: services.apiURL("/environments/\(environmentID)")),
        ]
        role = IDReference(id: assignment.roleID.lowercaseString)
        scope = ScopeJSON(id: assignment.scope.id.lowercaseString, type: assignment.scope.type.rawValue)
        environment = IDReference(id: environmentID)
        application = IDReference(id: assignment.applicationID.lowercaseString)
        self.readOnly = readOnly
        createdAt = JSONDate.string(assignment.createdAt)
    }
}
