import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// PingOne's activity (audit event) object: `id`, `recordedAt`, `createdAt`, `correlationId`,
/// `action`, `actors.client` (absent for platform-initiated events), `resources[]`, `result`,
/// plus `environment`, `organization` and `source.ipAddress` (the client's address).
struct ActivityRepresentation: Encodable {
    struct Action: Encodable {
        let type: String
        let description: String
    }

    struct Client: Encodable {
        let id: String
        let name: String
        let type = "CLIENT"
        let environment: IDReference
        let href: String
    }

    struct Actors: Encodable {
        let client: Client
    }

    struct Resource: Encodable {
        let type: String
        let id: String
        let name: String
        let environment: IDReference
        let href: String?
    }

    struct Result: Encodable {
        let status: String
        let description: String
    }

    struct Source: Encodable {
        let ipAddress: String
    }

    let links: [String: HALLink]
    let id: String
    let recordedAt: String
    let createdAt: String
    let correlationId: String?
    let action: Action
    let actors: Actors?
    let resources: [Resource]
    let result: Result
    let environment: IDReference
    let organization: IDReference
    var source: Source?

    enum CodingKeys: String, CodingKey {
        case links = "_links"
        case id, recordedAt, createdAt, correlationId, action, actors, resources, result, environment, organization
        case source
    }

    init(_ event: AuditEvent, services: APIServices) {
        self.init(event, apiURL: services.apiURL)
    }

    /// The event with its links built by `apiURL` (an API path such as `/environments/E` to an
    /// absolute URL), for callers without `APIServices` (webhook deliveries).
    init(_ event: AuditEvent, apiURL: (String) -> String) {
        let environmentID = event.environmentID.lowercaseString
        links = [
            "self": HALLink(href: apiURL("/environments/\(environmentID)/activities/\(event.id.lowercaseString)"))
        ]
        id = event.id.lowercaseString
        recordedAt = JSONDate.string(event.recordedAt)
        createdAt = JSONDate.string(event.createdAt)
        correlationId = event.correlationID
        action = Action(type: event.action.rawValue, description: event.action.description)
        actors = event.actor.map { actor in
            let environment = actor.environmentID.lowercaseString
            let id = actor.clientID.lowercaseString
            return Actors(
                client: Client(
                    id: id,
                    name: actor.name,
                    environment: IDReference(id: environment),
                    href: apiURL("/environments/\(environment)/applications/\(id)")
                )
            )
        }
        resources = event.resource.map { [Self.resource($0, apiURL: apiURL)] } ?? []
        result = Result(status: event.result.status.rawValue, description: event.result.description)
        environment = IDReference(id: environmentID)
        organization = IDReference(id: event.organizationID.lowercaseString)
        source = event.clientAddress.map(Source.init(ipAddress:))
    }

    private static func resource(_ resource: AuditResource, apiURL: (String) -> String) -> Resource {
        let environment = resource.environmentID.lowercaseString
        let id = resource.id.lowercaseString
        let collection: String? =
            switch resource.type {
            case "KEY": "keys"
            case "CERTIFICATE": "certificates"
            case "APPLICATION": "applications"
            case "SUBSCRIPTION": "subscriptions"
            case "KEY_ROTATION_POLICY": "keyRotationPolicies"
            default: nil
            }
        let href =
            resource.type == "ENVIRONMENT"
            ? apiURL("/environments/\(id)")
            : collection.map { apiURL("/environments/\(environment)/\($0)/\(id)") }
        return Resource(
            type: resource.type,
            id: id,
            name: resource.name,
            environment: IDReference(id: environment),
            href: href
        )
    }
}
