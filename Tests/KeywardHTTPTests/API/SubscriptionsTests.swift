import Foundation
import KeywardCore
import KeywardTestSupport
import Testing

@testable import KeywardHTTP

/// PingOne's subscriptions API: the object and its defaults, every refusal naming its field, the
/// mTLS key rules, the limit of 50, tenancy, permissions, and the signing secret shown only when
/// made and never stored in the clear.
@Suite("Webhook subscriptions API", .serialized)
struct SubscriptionsTests {
    nonisolated(unsafe) static let server = sharedServer()
    nonisolated(unsafe) static let admin = sharedClient(server)

    static var subscriptions: String { "/v1/environments/\(server.a)/subscriptions" }

    /// The smallest body PingOne accepts.
    static var minimal: [String: Any] {
        [
            "name": "siem",
            "enabled": true,
            "verifyTlsCertificates": true,
            "httpEndpoint": ["url": "https://siem.example.com/pingone"],
            "filterOptions": ["includedActionTypes": ["KEY.CREATED", "ACCOUNT.LINKED"]],
        ]
    }

    static func create(_ body: [String: Any], in environment: String? = nil) throws -> RawHTTPResponse {
        try admin.json("POST", "/v1/environments/\(environment ?? server.a)/subscriptions", try jsonText(body))
    }

    static func createdID(_ body: [String: Any] = minimal) throws -> String {
        let response = try create(body)
        #expect(response.status == 201, "\(text(response))")
        return try object(response)["id"] as? String ?? ""
    }

    /// A key of `usageType` made in `environment` through the service.
    static func key(_ usageType: String, in environment: Environment) throws -> String {
        let key = try server.services.keys.create(
            KeyCreationRequest(
                name: "\(usageType) key",
                algorithm: "EC",
                keyLength: 256,
                signatureAlgorithm: "SHA256withECDSA",
                subjectDN: "CN=\(usageType) key, OU=Test, O=Example Corp, L=, ST=, C=US",
                validityPeriod: 30,
                usageType: usageType
            ),
            in: environment.id
        )
        return key.id.uuidString.lowercased()
    }

    static func events(about id: String) throws -> [String] {
        let query = AuditQuery(
            environmentID: server.environmentA.id,
            earliest: Date(timeIntervalSince1970: 0),
            criterion: .resourceID(id),
            limit: 100
        )
        return try server.store.read { try $0.auditEvents(query) }.events.map(\.action.rawValue)
    }

    @Test func createAnswersPingOnesObjectWithDefaultsAndTheSigningSecretOnce() throws {
        var body = Self.minimal
        body["httpEndpoint"] = ["url": "https://siem.example.com/in", "headers": ["Authorization": "Basic c2llbQ=="]]
        body["filterOptions"] = [
            "includedActionTypes": ["KEY.CREATED"],
            "includedApplications": [["id": Self.server.clientID]],
        ]
        let response = try Self.create(body)
        #expect(response.status == 201, "\(text(response))")
        let created = try object(response)
        let id = created["id"] as? String ?? ""
        #expect(
            response.headers["Location"]?.hasSuffix("/v1/environments/\(Self.server.a)/subscriptions/\(id)") == true
        )
        #expect(created["protocol"] as? String == "HTTPS")
        #expect(created["format"] as? String == "ACTIVITY")
        #expect((created["environment"] as? [String: Any])?["id"] as? String == Self.server.a)
        let endpoint = created["httpEndpoint"] as? [String: Any]
        #expect(endpoint?["url"] as? String == "https://siem.example.com/in")
        #expect((endpoint?["headers"] as? [String: String])?["Authorization"] == "Basic c2llbQ==")
        #expect(try jsonText(created["connectionDetails"] as? [String: Any] ?? [:]) == jsonText(endpoint ?? [:]))
        let filter = created["filterOptions"] as? [String: Any]
        #expect(filter?["ipAddressExposed"] as? Bool == false && filter?["userAgentExposed"] as? Bool == false)
        #expect((filter?["includedApplications"] as? [[String: String]])?.first?["id"] == Self.server.clientID)
        let payload = created["payloadOptions"] as? [String: Any]
        #expect((payload?["maximumPayloadLimit"] as? [String: Any])?["size"] as? Int == 500)
        #expect(
            ((payload?["payloadFormat"] as? [String: Any])?["https"] as? [String: Any])?["format"] as? String
                == "JSON_ARRAY"
        )
        let secret = created["signingSecret"] as? String ?? ""
        #expect(secret.count == 43, "32 bytes, base64url")
        #expect(created["createdAt"] as? String == created["updatedAt"] as? String)
        let read = try Self.admin.getObject("\(Self.subscriptions)/\(id)")
        #expect(read["signingSecret"] == nil)
        #expect(read["name"] as? String == "siem")
        let list = try Self.admin.getObject(Self.subscriptions)
        let items = (list["_embedded"] as? [String: Any])?["subscriptions"] as? [[String: Any]] ?? []
        #expect(items.contains { $0["id"] as? String == id })
        #expect(!items.contains { $0["signingSecret"] != nil })
        #expect(!text(try Self.admin.call("GET", Self.subscriptions)).contains(secret))
    }

    @Test func replaceAndDeleteWriteTheirEventsAndTheObjectFollows() throws {
        let id = try Self.createdID()
        var body = Self.minimal
        body["name"] = "siem renamed"
        body["enabled"] = false
        body["payloadOptions"] = [
            "maximumPayloadLimit": ["type": "EVENTS_PER_PAYLOAD", "size": 25],
            "payloadFormat": ["https": ["format": "ND_JSON"]],
        ]
        let updated = try Self.admin.json("PUT", "\(Self.subscriptions)/\(id)", try jsonText(body))
        #expect(updated.status == 200, "\(text(updated))")
        let read = try Self.admin.getObject("\(Self.subscriptions)/\(id)")
        #expect(read["name"] as? String == "siem renamed" && read["enabled"] as? Bool == false)
        let payload = read["payloadOptions"] as? [String: Any]
        #expect((payload?["maximumPayloadLimit"] as? [String: Any])?["size"] as? Int == 25)
        #expect(
            ((payload?["payloadFormat"] as? [String: Any])?["https"] as? [String: Any])?["format"] as? String
                == "ND_JSON"
        )
        #expect(try Self.admin.call("DELETE", "\(Self.subscriptions)/\(id)").status == 204)
        expectError(try Self.admin.call("GET", "\(Self.subscriptions)/\(id)"), 404, "NOT_FOUND")
        #expect(
            try Self.events(about: id) == ["SUBSCRIPTION.CREATED", "SUBSCRIPTION.UPDATED", "SUBSCRIPTION.DELETED"]
        )
    }

    /// One refused body: how `minimal` is changed, and the detail and target PingOne's answer names.
    struct Refusal: CustomStringConvertible, Sendable {
        let description: String
        let detail: String
        let target: String
        let change: @Sendable (inout [String: Any]) -> Void
    }

    static let refusals: [Refusal] = [
        Refusal(description: "no name", detail: "REQUIRED_VALUE", target: "name") { $0["name"] = nil },
        Refusal(description: "name not a string", detail: "INVALID_VALUE", target: "name") { $0["name"] = 7 },
        Refusal(description: "no enabled", detail: "REQUIRED_VALUE", target: "enabled") { $0["enabled"] = nil },
        Refusal(description: "no verify flag", detail: "REQUIRED_VALUE", target: "verifyTlsCertificates") {
            $0["verifyTlsCertificates"] = nil
        },
        Refusal(description: "no filter", detail: "REQUIRED_VALUE", target: "filterOptions") {
            $0["filterOptions"] = nil
        },
        Refusal(description: "no action types", detail: "REQUIRED_VALUE", target: "filterOptions.includedActionTypes") {
            $0["filterOptions"] = ["ipAddressExposed": true]
        },
        Refusal(description: "empty action types", detail: "INVALID_VALUE", target: "filterOptions.includedActionTypes")
        {
            $0["filterOptions"] = ["includedActionTypes": [String]()]
        },
        Refusal(description: "lower-case type", detail: "INVALID_VALUE", target: "filterOptions.includedActionTypes") {
            $0["filterOptions"] = ["includedActionTypes": ["key.created"]]
        },
        Refusal(description: "type without verb", detail: "INVALID_VALUE", target: "filterOptions.includedActionTypes")
        {
            $0["filterOptions"] = ["includedActionTypes": ["KEY"]]
        },
        Refusal(description: "11 applications", detail: "INVALID_VALUE", target: "filterOptions.includedApplications") {
            $0["filterOptions"] = [
                "includedActionTypes": ["KEY.CREATED"],
                "includedApplications": (0..<11).map { _ in ["id": UUID().uuidString.lowercased()] },
            ]
        },
        Refusal(
            description: "application not a UUID",
            detail: "INVALID_VALUE",
            target: "filterOptions.includedApplications"
        ) {
            $0["filterOptions"] = ["includedActionTypes": ["KEY.CREATED"], "includedApplications": [["id": "x"]]]
        },
        Refusal(description: "populations", detail: "INVALID_VALUE", target: "filterOptions.includedPopulations") {
            $0["filterOptions"] = [
                "includedActionTypes": ["KEY.CREATED"], "includedPopulations": [["id": UUID().uuidString]],
            ]
        },
        Refusal(description: "no endpoint", detail: "REQUIRED_VALUE", target: "httpEndpoint") {
            $0["httpEndpoint"] = nil
        },
        Refusal(description: "no URL", detail: "REQUIRED_VALUE", target: "httpEndpoint.url") {
            $0["httpEndpoint"] = ["headers": ["A": "b"]]
        },
        Refusal(description: "http URL", detail: "INVALID_VALUE", target: "httpEndpoint.url") {
            $0["httpEndpoint"] = ["url": "http://siem.example.com/in"]
        },
        Refusal(description: "URL without host", detail: "INVALID_VALUE", target: "httpEndpoint.url") {
            $0["httpEndpoint"] = ["url": "https:///in"]
        },
        Refusal(description: "reserved header", detail: "INVALID_VALUE", target: "httpEndpoint.headers.Content-Type") {
            $0["httpEndpoint"] = ["url": "https://siem.example.com", "headers": ["Content-Type": "text/plain"]]
        },
        Refusal(description: "header with newline", detail: "INVALID_VALUE", target: "httpEndpoint.headers.X-A") {
            $0["httpEndpoint"] = ["url": "https://siem.example.com", "headers": ["X-A": "a\r\nX-B: b"]]
        },
        Refusal(description: "TCP_IP", detail: "INVALID_VALUE", target: "protocol") { $0["protocol"] = "TCP_IP" },
        Refusal(description: "unknown protocol", detail: "INVALID_VALUE", target: "protocol") {
            $0["protocol"] = "FTP"
        },
        Refusal(description: "SPLUNK", detail: "INVALID_VALUE", target: "format") { $0["format"] = "SPLUNK" },
        Refusal(description: "NEWRELIC", detail: "INVALID_VALUE", target: "format") { $0["format"] = "NEWRELIC" },
        Refusal(description: "unknown format", detail: "INVALID_VALUE", target: "format") { $0["format"] = "XML" },
        Refusal(description: "payload of 0", detail: "INVALID_VALUE", target: "payloadOptions.maximumPayloadLimit.size")
        {
            $0["payloadOptions"] = ["maximumPayloadLimit": ["type": "EVENTS_PER_PAYLOAD", "size": 0]]
        },
        Refusal(
            description: "payload of 501",
            detail: "INVALID_VALUE",
            target: "payloadOptions.maximumPayloadLimit.size"
        ) {
            $0["payloadOptions"] = ["maximumPayloadLimit": ["type": "EVENTS_PER_PAYLOAD", "size": 501]]
        },
        Refusal(
            description: "KB_PER_PAYLOAD",
            detail: "INVALID_VALUE",
            target: "payloadOptions.maximumPayloadLimit.type"
        ) {
            $0["payloadOptions"] = ["maximumPayloadLimit": ["type": "KB_PER_PAYLOAD", "size": 10]]
        },
        Refusal(
            description: "unknown payload format",
            detail: "INVALID_VALUE",
            target: "payloadOptions.payloadFormat.https.format"
        ) {
            $0["payloadOptions"] = ["payloadFormat": ["https": ["format": "CSV"]]]
        },
        Refusal(description: "mTLS without verification", detail: "INVALID_VALUE", target: "tlsClientAuthKeyPair.id") {
            $0["verifyTlsCertificates"] = false
            $0["tlsClientAuthKeyPair"] = ["id": UUID().uuidString.lowercased()]
        },
        Refusal(description: "unknown key", detail: "INVALID_VALUE", target: "tlsClientAuthKeyPair.id") {
            $0["tlsClientAuthKeyPair"] = ["id": UUID().uuidString.lowercased()]
        },
        Refusal(description: "signing secret given", detail: "INVALID_VALUE", target: "signingSecret") {
            $0["signingSecret"] = "mine"
        },
    ]

    @Test(arguments: refusals)
    func invalidBodyIsRefusedNamingTheFieldAndStoresNothing(_ refusal: Refusal) throws {
        let before = try Self.server.services.subscriptions.list(in: Self.server.environmentA.id).count
        var body = Self.minimal
        refusal.change(&body)
        expectInvalidData(try Self.create(body), refusal.detail, target: refusal.target)
        #expect(try Self.server.services.subscriptions.list(in: Self.server.environmentA.id).count == before)
    }

    @Test func theTLSClientKeyMustBeAnOutboundMTLSKeyOfThisEnvironmentAndStaysOneWhileUsed() throws {
        let signing = try Self.key("SIGNING", in: Self.server.environmentA)
        let elsewhere = try Self.key("OUTBOUND_MTLS", in: Self.server.environmentB)
        let mtls = try Self.key("OUTBOUND_MTLS", in: Self.server.environmentA)
        for refused in [signing, elsewhere] {
            var body = Self.minimal
            body["tlsClientAuthKeyPair"] = ["id": refused]
            expectInvalidData(try Self.create(body), "INVALID_VALUE", target: "tlsClientAuthKeyPair.id")
        }
        var body = Self.minimal
        body["name"] = "mutual"
        body["tlsClientAuthKeyPair"] = ["id": mtls]
        let id = try Self.createdID(body)
        let read = try Self.admin.getObject("\(Self.subscriptions)/\(id)")
        #expect((read["tlsClientAuthKeyPair"] as? [String: Any])?["id"] as? String == mtls)
        let keyPath = "/v1/environments/\(Self.server.a)/keys/\(mtls)"
        expectError(
            try Self.admin.call("DELETE", keyPath),
            400,
            "INVALID_DATA",
            detail: "CONSTRAINT_VIOLATION",
            messageContains: "mutual"
        )
        expectError(
            try Self.admin.json("PUT", keyPath, #"{"usageType":"SIGNING"}"#),
            400,
            "INVALID_DATA",
            detail: "CONSTRAINT_VIOLATION",
            messageContains: "mutual"
        )
        #expect(try Self.admin.call("DELETE", "\(Self.subscriptions)/\(id)").status == 204)
        #expect(try Self.admin.call("DELETE", keyPath).status == 204)
    }

    @Test func theFiftyFirstSubscriptionOfAnEnvironmentIs403() throws {
        let environment = try Self.server.services.environments.create(
            EnvironmentRequest(name: "Fifty"),
            in: Self.server.organization.id
        )
        for index in 0..<50 {
            _ = try Self.server.services.subscriptions.create(
                SubscriptionRequest(
                    name: "s\(index)",
                    enabled: false,
                    verifyTLSCertificates: true,
                    includedActionTypes: ["KEY.CREATED"],
                    url: "https://siem.example.com/\(index)"
                ),
                in: environment.id
            )
        }
        let path = environment.id.uuidString.lowercased()
        expectError(try Self.create(Self.minimal, in: path), 403, "ACCESS_FAILED", detail: "LICENSE_EXCEEDED")
        #expect(try Self.server.services.subscriptions.list(in: environment.id).count == 50)
    }

    @Test func anotherTenantsSubscriptionIsNotFound() throws {
        let id = try Self.createdID()
        let other = try APIClient(Self.server, other: true)
        for method in ["GET", "DELETE"] {
            expectError(try other.call(method, "\(Self.subscriptions)/\(id)"), 404, "NOT_FOUND")
        }
        expectError(try other.json("PUT", "\(Self.subscriptions)/\(id)", try jsonText(Self.minimal)), 404, "NOT_FOUND")
        let throughB = "/v1/environments/\(Self.server.b)/subscriptions/\(id)"
        expectError(try Self.admin.call("GET", throughB), 404, "NOT_FOUND")
        expectError(try Self.admin.call("POST", throughB + "/signingSecret"), 404, "NOT_FOUND")
        let c = "/v1/environments/\(Self.server.c)/subscriptions"
        expectError(try Self.admin.call("GET", c), 404, "NOT_FOUND")
        #expect(try Self.admin.getObject("\(Self.subscriptions)/\(id)")["id"] as? String == id)
    }

    @Test func readersMayReadAndOnlyAdministratorsMayChange() throws {
        let id = try Self.createdID()
        let scope = Scope.environment(Self.server.environmentA.id)
        let item = "\(Self.subscriptions)/\(id)"
        let body = try jsonText(Self.minimal)
        for role in [BuiltInRoles.auditor, BuiltInRoles.configurationReadOnly] {
            let client = try Self.server.roleClient(role.name, roles: [(role.id, scope)])
            #expect(try client.call("GET", Self.subscriptions).status == 200, "\(role.name)")
            #expect(try client.call("GET", item).status == 200, "\(role.name)")
            expectError(try client.json("POST", Self.subscriptions, body), 403, "ACCESS_FAILED")
            expectError(try client.json("PUT", item, body), 403, "ACCESS_FAILED")
            expectError(try client.call("DELETE", item), 403, "ACCESS_FAILED")
            expectError(try client.call("POST", item + "/signingSecret"), 403, "ACCESS_FAILED")
        }
        let keyOperator = try Self.server.roleClient(
            "operator",
            roles: [(BuiltInRoles.keyAndCertificateOperatorID, scope)]
        )
        expectError(try keyOperator.call("GET", Self.subscriptions), 403, "ACCESS_FAILED")
        let environmentAdmin = try Self.server.roleClient(
            "env admin",
            roles: [(BuiltInRoles.environmentAdminID, scope)]
        )
        #expect(try environmentAdmin.json("POST", Self.subscriptions, body).status == 201)
        #expect(try environmentAdmin.json("PUT", item, body).status == 200)
        #expect(try environmentAdmin.call("POST", item + "/signingSecret").status == 200)
        #expect(try environmentAdmin.call("DELETE", item).status == 204)
        let anonymous = try Self.server.client()
        for (method, path) in [("GET", Self.subscriptions), ("POST", Self.subscriptions), ("GET", item)] {
            expectError(try anonymous.request(method, path, headers: [], body: []), 401, "ACCESS_FAILED")
        }
    }

    @Test func rotatingTheSigningSecretAnswersANewOneAndNoSecretReachesTheDatabaseInTheClear() throws {
        let response = try Self.create(Self.minimal)
        let created = try object(response)
        let id = created["id"] as? String ?? ""
        let first = created["signingSecret"] as? String ?? ""
        let rotated = try Self.admin.call("POST", "\(Self.subscriptions)/\(id)/signingSecret")
        #expect(rotated.status == 200, "\(text(rotated))")
        let second = try object(rotated)["signingSecret"] as? String ?? ""
        #expect(second.count == 43 && second != first)
        #expect(try Self.admin.getObject("\(Self.subscriptions)/\(id)")["signingSecret"] == nil)
        #expect(try Self.events(about: id) == ["SUBSCRIPTION.CREATED", "SUBSCRIPTION.UPDATED"])
        let uuid = try #require(UUID(uuidString: id))
        let stored = try Self.server.store.read { try $0.subscriptionSigningSecret(id: uuid) }
        #expect(stored.map { String(decoding: $0, as: UTF8.self) } == second, "the store opens the new secret")
        var files = Data()
        for suffix in ["", "-wal"] {
            let url = Self.server.directory.appendingPathComponent("keyward.db" + suffix)
            files += (try? Data(contentsOf: url)) ?? Data()
        }
        #expect(!files.isEmpty)
        for secret in [first, second] {
            #expect(files.range(of: Data(secret.utf8)) == nil, "a signing secret is in the database file")
        }
    }

    @Test func pingOnesDocumentedExampleIsAccepted() throws {
        let mtls = try Self.key("OUTBOUND_MTLS", in: Self.server.environmentA)
        let body = """
            {"name":"keyward-cert-events","enabled":true,
             "httpEndpoint":{"url":"https://siem.example.com/pingone","headers":{"Authorization":"Basic c2llbTpzZWNyZXQ="}},
             "verifyTlsCertificates":true,"tlsClientAuthKeyPair":{"id":"\(mtls)"},"format":"ACTIVITY","protocol":"HTTPS",
             "filterOptions":{"includedActionTypes":["KEY.CREATED","ROLE_ASSIGNMENT.CREATED","SECRET.READ"],
              "includedApplications":[{"id":"8a1c6f2e-0d4b-4b7e-9c55-3e2f1a0b9d77"}]},
             "connectionDetails":{"url":"https://ignored.example.com"}}
            """
        let response = try Self.admin.json("POST", Self.subscriptions, body)
        #expect(response.status == 201, "\(text(response))")
        let created = try object(response)
        #expect(
            (created["connectionDetails"] as? [String: Any])?["url"] as? String == "https://siem.example.com/pingone"
        )
        #expect(
            (created["filterOptions"] as? [String: Any])?["includedActionTypes"] as? [String]
                == ["KEY.CREATED", "ROLE_ASSIGNMENT.CREATED", "SECRET.READ"]
        )
    }
}
