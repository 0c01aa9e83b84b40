import KeywardCore

/// PingOne's subscription object: `protocol` `HTTPS` and `format` `ACTIVITY` always written,
/// `connectionDetails` mirroring `httpEndpoint` (Terraform reads both), `environment.id`, the
/// filter with its defaults, `payloadOptions`, and `_links`. The signing secret only in the
/// answers that make one (`signingSecret`), never elsewhere.
enum SubscriptionRepresentation {
    static func json(_ subscription: Subscription, services: APIServices, signingSecret: String? = nil) -> JSONValue {
        let environment = subscription.environmentID.lowercaseString
        let url = self.url(subscription, services: services)
        let endpoint = JSONValue.object([
            "url": .string(subscription.url),
            "headers": .object(subscription.headers.mapValues { .string($0) }),
        ])
        var filter: [String: JSONValue] = [
            "includedActionTypes": .array(subscription.includedActionTypes.map { .string($0) }),
            "ipAddressExposed": .bool(subscription.ipAddressExposed),
            "userAgentExposed": .bool(subscription.userAgentExposed),
        ]
        if !subscription.includedApplicationIDs.isEmpty {
            filter["includedApplications"] = .array(
                subscription.includedApplicationIDs.map { .object(["id": .string($0.lowercaseString)]) }
            )
        }
        var https: [String: JSONValue] = ["format": .string(subscription.payloadFormat.rawValue)]
        if subscription.payloadFormat == .jsonArray { https["prettyPrint"] = .bool(subscription.prettyPrint) }
        var members: [String: JSONValue] = [
            "_links": .object([
                "self": .object(["href": .string(url)]),
                "environment": .object(["href": .string(services.apiURL("/environments/\(environment)"))]),
                "signingSecret": .object(["href": .string(url + "/signingSecret")]),
            ]),
            "id": .string(subscription.id.lowercaseString),
            "environment": .object(["id": .string(environment)]),
            "name": .string(subscription.name),
            "enabled": .bool(subscription.enabled),
            "protocol": .string("HTTPS"),
            "format": .string("ACTIVITY"),
            "httpEndpoint": endpoint,
            "connectionDetails": endpoint,
            "verifyTlsCertificates": .bool(subscription.verifyTLSCertificates),
            "filterOptions": .object(filter),
            "payloadOptions": .object([
                "maximumPayloadLimit": .object([
                    "type": .string("EVENTS_PER_PAYLOAD"),
                    "size": .number(Double(subscription.maximumEventsPerPayload)),
                ]),
                "payloadFormat": .object(["https": .object(https)]),
            ]),
            "createdAt": .string(JSONDate.string(subscription.createdAt)),
            "updatedAt": .string(JSONDate.string(subscription.updatedAt)),
        ]
        if let keyID = subscription.tlsClientAuthKeyID {
            members["tlsClientAuthKeyPair"] = .object(["id": .string(keyID.lowercaseString)])
        }
        if let signingSecret { members["signingSecret"] = .string(signingSecret) }
        return .object(members)
    }

    /// The URL of the subscription.
    static func url(_ subscription: Subscription, services: APIServices) -> String {
        let environment = subscription.environmentID.lowercaseString
        return services.apiURL("/environments/\(environment)/subscriptions/\(subscription.id.lowercaseString)")
    }
}
