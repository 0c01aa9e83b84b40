import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// PingOne's environment object. Licensing members (`region`, `type`, `license`,
/// `billOfMaterials`) are echoed as stored; absent ones are omitted.
struct EnvironmentRepresentation: Encodable {
    let links: [String: HALLink]
    let id: String
    let name: String
    let description: String?
    let organization: IDReference
    let type: String?
    let region: String?
    let license: IDReference?
    let billOfMaterials: JSONValue?
    let status: String
    let createdAt: String
    let updatedAt: String

    enum CodingKeys: String, CodingKey {
        case links = "_links"
        case id, name, description, organization, type, region, license, billOfMaterials, status, createdAt
        case updatedAt
    }

    init(_ environment: Environment, services: APIServices) {
        let id = environment.id.lowercaseString
        links = [
            "self": HALLink(href: services.apiURL("/environments/\(id)")),
            "organization": HALLink(
                href: services.apiURL("/organizations/\(environment.organizationID.lowercaseString)")
            ),
        ]
        self.id = id
        name = environment.name
        description = environment.description
        organization = IDReference(id: environment.organizationID.lowercaseString)
        type = environment.type
        region = environment.region
        license = environment.licenseID.map(IDReference.init(id:))
        billOfMaterials = environment.billOfMaterialsJSON.flatMap {
            try? JSONDecoder().decode(JSONValue.self, from: Data($0.utf8))
        }
        status = "ACTIVE"
        createdAt = JSONDate.string(environment.createdAt)
        updatedAt = JSONDate.string(environment.updatedAt)
    }
}

/// PingOne's organization object.
struct OrganizationRepresentation: Encodable {
    let links: [String: HALLink]
    let id: String
    let name: String
    let description: String?
    let type: String
    let createdAt: String
    let updatedAt: String

    enum CodingKeys: String, CodingKey {
        case links = "_links"
        case id, name, description, type, createdAt, updatedAt
    }

    init(_ organization: Organization, services: APIServices) {
        let id = organization.id.lowercaseString
        links = [
            "self": HALLink(href: services.apiURL("/organizations/\(id)")),
            "environments": HALLink(href: services.apiURL("/environments")),
        ]
        self.id = id
        name = organization.name
        description = organization.description
        type = organization.type
        createdAt = JSONDate.string(organization.createdAt)
        updatedAt = JSONDate.string(organization.updatedAt)
    }
}
