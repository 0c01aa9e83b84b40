import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// PingOne's subscription body (create and replace), read member by member so that every
/// refusal names PingOne's field.
///
/// Required: `name`, `enabled`, `verifyTlsCertificates`, `filterOptions.includedActionTypes`,
/// `httpEndpoint.url`. Keyward serves `protocol` `HTTPS` and `format` `ACTIVITY` only (the
/// defaults): `TCP_IP`, `SPLUNK`, `NEWRELIC`, `KB_PER_PAYLOAD` and non-empty
/// `includedPopulations`/`includedTags` are refused as unsupported, by name. `connectionDetails`
/// is read-only (a mirror of `httpEndpoint`), as are `id`, `environment`, `createdAt`,
/// `updatedAt` and `_links`; other unknown members are ignored.
struct SubscriptionBody {
    let request: SubscriptionRequest

    init(_ httpRequest: HTTPRequest) throws {
        let members = try JSONRequestBody.decode([String: JSONValue].self, from: httpRequest)
        guard members["signingSecret"] == nil else {
            throw CoreError.invalidValue(
                field: "signingSecret",
                reason: "is made by Keyward; POST …/subscriptions/{id}/signingSecret rotates it"
            )
        }
        let name = try Self.string(members, "name", path: "name")
        let enabled = try Self.bool(members, "enabled", path: "enabled")
        let verify = try Self.bool(members, "verifyTlsCertificates", path: "verifyTlsCertificates")
        try Self.requireSupported(members, "protocol", "HTTPS", unsupported: ["TCP_IP"])
        try Self.requireSupported(members, "format", "ACTIVITY", unsupported: ["SPLUNK", "NEWRELIC"])
        let filter = try Self.object(members, "filterOptions", path: "filterOptions")
        let endpoint = try Self.object(members, "httpEndpoint", path: "httpEndpoint")
        let payload = try Self.optionalObject(members, "payloadOptions", path: "payloadOptions") ?? [:]
        let (limit, format, pretty) = try Self.payloadOptions(payload)
        request = SubscriptionRequest(
            name: name,
            enabled: enabled,
            verifyTLSCertificates: verify,
            includedActionTypes: try Self.actionTypes(filter),
            includedApplicationIDs: try Self.applications(filter),
            ipAddressExposed: try Self.optionalBool(filter, "ipAddressExposed", path: "filterOptions.ipAddressExposed")
                ?? false,
            userAgentExposed: try Self.optionalBool(filter, "userAgentExposed", path: "filterOptions.userAgentExposed")
                ?? false,
            url: try Self.string(endpoint, "url", path: "httpEndpoint.url"),
            headers: try Self.headers(endpoint),
            tlsClientAuthKeyID: try Self.clientKey(members),
            maximumEventsPerPayload: limit,
            payloadFormat: format,
            prettyPrint: pretty
        )
    }

    private static func actionTypes(_ filter: [String: JSONValue]) throws -> [String] {
        let path = "filterOptions.includedActionTypes"
        guard let member = filter["includedActionTypes"], member != .null else {
            throw CoreError.missingValue(field: path)
        }
        guard case .array(let values) = member else {
            throw CoreError.invalidValue(field: path, reason: "must be an array of action types")
        }
        return try values.map { value in
            guard case .string(let text) = value else {
                throw CoreError.invalidValue(field: path, reason: "must be an array of strings")
            }
            return text
        }
    }

    private static func applications(_ filter: [String: JSONValue]) throws -> [UUID] {
        let path = "filterOptions.includedApplications"
        for unsupported in ["includedPopulations", "includedTags"] {
            switch filter[unsupported] {
            case nil, .null?, .array([])?: continue
            default:
                throw CoreError.invalidValue(
                    field: "filterOptions.\(unsupported)",
                    reason: "is not supported: Keyward has no users, populations or tagged events"
                )
            }
        }
        switch filter["includedApplications"] {
        case nil, .null?: return []
        case .array(let values)?:
            return try values.map { value in
                guard case .object(let reference) = value, case .string(let text)? = reference["id"],
                    let id = UUID(text: text)
                else {
                    throw CoreError.invalidValue(field: path, reason: "must be an array of {\"id\": \"<uuid>\"}")
                }
                return id
            }
        default:
            throw CoreError.invalidValue(field: path, reason: "must be an array of {\"id\": \"<uuid>\"}")
        }
    }

    private static func headers(_ endpoint: [String: JSONValue]) throws -> [String: String] {
        switch endpoint["headers"] {
        case nil, .null?: return [:]
        case .object(let members)?:
            return try members.mapValues { value in
                guard case .string(let text) = value else {
                    throw CoreError.invalidValue(field: "httpEndpoint.headers", reason: "values must be strings")
                }
                return text
            }
        default:
            throw CoreError.invalidValue(field: "httpEndpoint.headers", reason: "must be an object of strings")
        }
    }

    private static func clientKey(_ members: [String: JSONValue]) throws -> UUID? {
        switch members["tlsClientAuthKeyPair"] {
        case nil, .null?: return nil
        case .object(let reference)?:
            guard case .string(let text)? = reference["id"] else {
                throw CoreError.missingValue(field: "tlsClientAuthKeyPair.id")
            }
            guard let id = UUID(text: text) else {
                throw CoreError.invalidValue(field: "tlsClientAuthKeyPair.id", reason: "must be a UUID")
            }
            return id
        default:
            throw CoreError.invalidValue(field: "tlsClientAuthKeyPair", reason: "must be {\"id\": \"<uuid>\"}")
        }
    }

    /// `maximumPayloadLimit` (`EVENTS_PER_PAYLOAD`, default 500) and `payloadFormat.https`.
    private static func payloadOptions(_ payload: [String: JSONValue]) throws -> (Int, PayloadFormat, Bool) {
        if let tcp = payload["payloadFormat"].flatMap({ member -> JSONValue? in
            guard case .object(let format) = member else { return nil }
            return format["tcp"]
        }), tcp != .null {
            throw CoreError.invalidValue(
                field: "payloadOptions.payloadFormat.tcp",
                reason: "is not supported: Keyward delivers over HTTPS only"
            )
        }
        var limit = Subscription.maximumEventsPerPayload
        if let maximum = try optionalObject(payload, "maximumPayloadLimit", path: "payloadOptions.maximumPayloadLimit")
        {
            let type = try string(maximum, "type", path: "payloadOptions.maximumPayloadLimit.type")
            guard type == "EVENTS_PER_PAYLOAD" else {
                throw CoreError.invalidValue(
                    field: "payloadOptions.maximumPayloadLimit.type",
                    reason: type == "KB_PER_PAYLOAD"
                        ? "KB_PER_PAYLOAD is not supported; use EVENTS_PER_PAYLOAD" : "must be EVENTS_PER_PAYLOAD"
                )
            }
            guard case .number(let size)? = maximum["size"], size == size.rounded(), abs(size) < 1e9 else {
                throw CoreError.invalidValue(
                    field: "payloadOptions.maximumPayloadLimit.size",
                    reason: "must be an integer from 1 to \(Subscription.maximumEventsPerPayload)"
                )
            }
            limit = Int(size)
        }
        var format = PayloadFormat.jsonArray
        var pretty = false
        let formats = try optionalObject(payload, "payloadFormat", path: "payloadOptions.payloadFormat") ?? [:]
        if let https = try optionalObject(formats, "https", path: "payloadOptions.payloadFormat.https") {
            if let text = try optionalString(https, "format", path: "payloadOptions.payloadFormat.https.format") {
                guard let known = PayloadFormat(rawValue: text) else {
                    throw CoreError.invalidValue(
                        field: "payloadOptions.payloadFormat.https.format",
                        reason: "must be JSON_ARRAY or ND_JSON"
                    )
                }
                format = known
            }
            pretty =
                try optionalBool(https, "prettyPrint", path: "payloadOptions.payloadFormat.https.prettyPrint") ?? false
        }
        return (limit, format, pretty)
    }

    /// An optional enum member whose only supported value is `supported`.
    private static func requireSupported(
        _ members: [String: JSONValue],
        _ field: String,
        _ supported: String,
        unsupported: Set<String>
    ) throws {
        guard let text = try optionalString(members, field, path: field), text != supported else { return }
        throw CoreError.invalidValue(
            field: field,
            reason: unsupported.contains(text)
                ? "\(text) is not supported by Keyward; use \(supported)" : "must be \(supported)"
        )
    }

    private static func string(_ members: [String: JSONValue], _ key: String, path: String) throws -> String {
        guard let text = try optionalString(members, key, path: path) else { throw CoreError.missingValue(field: path) }
        return text
    }

    private static func optionalString(_ members: [String: JSONValue], _ key: String, path: String) throws -> String? {
        switch members[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw CoreError.invalidValue(field: path, reason: "must be a string")
        }
    }

    private static func bool(_ members: [String: JSONValue], _ key: String, path: String) throws -> Bool {
        guard let value = try optionalBool(members, key, path: path) else { throw CoreError.missingValue(field: path) }
        return value
    }

    private static func optionalBool(_ members: [String: JSONValue], _ key: String, path: String) throws -> Bool? {
        switch members[key] {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        default: throw CoreError.invalidValue(field: path, reason: "must be true or false")
        }
    }

    private static func object(_ members: [String: JSONValue], _ key: String, path: String) throws
        -> [String: JSONValue]
    {
        guard let object = try optionalObject(members, key, path: path) else {
            throw CoreError.missingValue(field: path)
        }
        return object
    }

    private static func optionalObject(_ members: [String: JSONValue], _ key: String, path: String) throws
        -> [String: JSONValue]?
    {
        switch members[key] {
        case nil, .null?: return nil
        case .object(let object)?: return object
        default: throw CoreError.invalidValue(field: path, reason: "must be an object")
        }
    }
}
