import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// PingOne's worker-application object: always `type` `WORKER` and `protocol`
/// `OPENID_CONNECT` (the Go SDK dispatches on them), `environment.id`, and every stored
/// member echoed. Never the secret.
enum ApplicationRepresentation {
    static func json(_ application: Application, services: APIServices) -> JSONValue {
        var members: [String: JSONValue] = [:]
        if let stored = application.attributesJSON,
            case .object(let attributes)? = try? JSONDecoder().decode(JSONValue.self, from: Data(stored.utf8))
        {
            members = attributes
        }
        let environment = application.environmentID.lowercaseString
        let url = services.apiURL("/environments/\(environment)/applications/\(application.id.lowercaseString)")
        members["_links"] = .object([
            "self": .object(["href": .string(url)]),
            "environment": .object(["href": .string(services.apiURL("/environments/\(environment)"))]),
            "secret": .object(["href": .string(url + "/secret")]),
            "roleAssignments": .object(["href": .string(url + "/roleAssignments")]),
        ])
        members["id"] = .string(application.id.lowercaseString)
        members["environment"] = .object(["id": .string(environment)])
        members["name"] = .string(application.name)
        if let description = application.description { members["description"] = .string(description) }
        members["enabled"] = .bool(application.enabled)
        members["type"] = .string("WORKER")
        members["protocol"] = .string("OPENID_CONNECT")
        members["tokenEndpointAuthMethod"] = .string(application.tokenEndpointAuthMethod.rawValue)
        members["createdAt"] = .string(JSONDate.string(application.createdAt))
        members["updatedAt"] = .string(JSONDate.string(application.updatedAt))
        return .object(members)
    }

    /// The URL of the application.
    static func url(_ application: Application, services: APIServices) -> String {
        let environment = application.environmentID.lowercaseString
        return services.apiURL("/environments/\(environment)/applications/\(application.id.lowercaseString)")
    }
}
