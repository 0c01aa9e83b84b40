import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// PingOne's worker-application body (create and replace).
///
/// Keyward serves only workers: `type` must be `WORKER`, `protocol` `OPENID_CONNECT`,
/// `grantTypes` (default `["CLIENT_CREDENTIALS"]`) only `CLIENT_CREDENTIALS`, and
/// `tokenEndpointAuthMethod` (default `CLIENT_SECRET_BASIC`) a secret method. `enabled`
/// defaults to `false`, as PingOne's docs say. Read-only members (`id`, `environment`,
/// `createdAt`, `updatedAt`, `_links`) are ignored; every other member (Terraform's OIDC
/// defaults, `accessControl`, `hiddenFromAppPortal` …) is stored and echoed unchanged.
struct ApplicationBody {
    let request: ApplicationRequest
    /// PingOne's `assignActorRoles` (POST only): give the new application the creator's roles.
    let assignActorRoles: Bool

    static let readOnlyMembers: Set<String> = ["id", "environment", "createdAt", "updatedAt", "_links"]
    static let interpretedMembers: Set<String> = [
        "name", "description", "enabled", "type", "protocol", "tokenEndpointAuthMethod", "assignActorRoles",
    ]

    init(_ httpRequest: HTTPRequest) throws {
        let members = try JSONRequestBody.decode([String: JSONValue].self, from: httpRequest)
        guard case .string(let name)? = members["name"] else { throw CoreError.missingValue(field: "name") }
        try Self.require(members, "type", equals: "WORKER")
        try Self.require(members, "protocol", equals: "OPENID_CONNECT")
        let method: TokenEndpointAuthMethod
        switch members["tokenEndpointAuthMethod"] {
        case nil: method = .clientSecretBasic
        case .string(let text)?:
            guard let known = TokenEndpointAuthMethod(rawValue: text) else {
                throw CoreError.invalidValue(
                    field: "tokenEndpointAuthMethod",
                    reason: "must be CLIENT_SECRET_BASIC or CLIENT_SECRET_POST"
                )
            }
            method = known
        default:
            throw CoreError.invalidValue(field: "tokenEndpointAuthMethod", reason: "must be a string")
        }
        if members["clientSecret"] != nil || members["clientId"] != nil {
            throw CoreError.invalidValue(
                field: "clientSecret",
                reason: "importing a client id or secret is not supported"
            )
        }
        var attributes = members.filter {
            !Self.readOnlyMembers.contains($0.key) && !Self.interpretedMembers.contains($0.key)
        }
        switch attributes["grantTypes"] {
        case nil: attributes["grantTypes"] = .array([.string("CLIENT_CREDENTIALS")])
        case .array(let values)? where values == [.string("CLIENT_CREDENTIALS")]: break
        default:
            throw CoreError.invalidValue(
                field: "grantTypes",
                reason: "a worker application supports only CLIENT_CREDENTIALS"
            )
        }
        let attributesJSON = String(decoding: try JSONEncoder().encode(attributes), as: UTF8.self)
        request = ApplicationRequest(
            name: name,
            description: try Self.optionalString(members, "description"),
            enabled: try Self.optionalBool(members, "enabled") ?? false,
            tokenEndpointAuthMethod: method,
            attributesJSON: attributesJSON
        )
        assignActorRoles = try Self.optionalBool(members, "assignActorRoles") ?? false
    }

    private static func require(_ members: [String: JSONValue], _ field: String, equals value: String) throws {
        guard let member = members[field] else { throw CoreError.missingValue(field: field) }
        guard member == .string(value) else {
            throw CoreError.invalidValue(
                field: field,
                reason: "must be \(value): Keyward serves worker applications only"
            )
        }
    }

    private static func optionalString(_ members: [String: JSONValue], _ field: String) throws -> String? {
        switch members[field] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw CoreError.invalidValue(field: field, reason: "must be a string")
        }
    }

    private static func optionalBool(_ members: [String: JSONValue], _ field: String) throws -> Bool? {
        switch members[field] {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        default: throw CoreError.invalidValue(field: field, reason: "must be true or false")
        }
    }
}
