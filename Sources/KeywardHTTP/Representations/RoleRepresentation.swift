import KeywardCore

/// PingOne's role object (`GET /roles`).
///
/// PingOne's own roles are written as its built-in roles: `permissions` present and no `type`,
/// which is how the Go SDK recognises a built-in `Role` (whose `name` must be in its enum).
/// Keyward's own roles carry `"type": "CUSTOM"` and `canBeAssignedBy`, so the SDK reads them as
/// custom roles instead of failing on a name its enum lacks.
struct RoleRepresentation: Encodable {
    struct PermissionJSON: Encodable {
        let id: String
        let classifier: String
        let description: String
    }

    let links: [String: HALLink]
    let id: String
    let name: String
    let description: String
    let applicableTo: [String]
    let permissions: [PermissionJSON]
    let type: String?
    let canBeAssignedBy: [IDReference]?

    enum CodingKeys: String, CodingKey {
        case links = "_links"
        case id, name, description, applicableTo, permissions, type, canBeAssignedBy
    }

    init(_ role: Role, services: APIServices) {
        id = role.id.lowercaseString
        links = ["self": HALLink(href: services.apiURL("/roles/\(id)"))]
        name = role.name
        description = role.description
        applicableTo = role.applicableTo.map(\.rawValue)
        permissions = role.permissions.sorted().map {
            PermissionJSON(id: $0.rawValue, classifier: $0.classifier, description: $0.description)
        }
        type = role.isPingOneRole ? nil : "CUSTOM"
        canBeAssignedBy =
            role.isPingOneRole
            ? nil : role.assignableBy.map { IDReference(id: $0.lowercaseString) }.sorted { $0.id < $1.id }
    }
}
