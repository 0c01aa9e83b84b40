import Foundation
import KeywardCore
import Testing

@testable import KeywardHTTP

/// Worker applications: PingOne's body, echo of what Terraform sends, delete with their roles,
/// and secret rotation with and without a grace period for the previous secret.
@Suite("Worker applications and their secrets", .serialized)
struct ApplicationsTests {
    static let clock = ManualClock(Date())
    nonisolated(unsafe) static let server = sharedServer(clock: clock)
    nonisolated(unsafe) static let admin = sharedClient(server)

    static var applications: String { "/v1/environments/\(server.a)/applications" }

    /// Terraform's worker body, OIDC defaults included.
    static let terraformBody = """
        {"name":"keyward-terraform","description":"CI worker","enabled":true,"type":"WORKER",
         "protocol":"OPENID_CONNECT","grantTypes":["CLIENT_CREDENTIALS"],"tokenEndpointAuthMethod":"CLIENT_SECRET_BASIC",
         "assignActorRoles":false,"pkceEnforcement":"OPTIONAL","parRequirement":"OPTIONAL","parTimeout":60,
         "refreshTokenDuration":2592000,"refreshTokenRollingDuration":15552000,
         "additionalRefreshTokenReplayProtectionEnabled":true,"supportUnsignedRequestObject":false,
         "requireSignedRequestObject":false,"includeX5t":false,"allowWildcardInRedirectUris":false,
         "hiddenFromAppPortal":false,"accessControl":{"role":{"type":"ADMIN_USERS_ONLY"}}}
        """

    /// Creates an application through the API and rotates its secret to learn it.
    static func created(_ body: String = terraformBody) throws -> (id: String, secret: String) {
        let response = try admin.json("POST", applications, body)
        #expect(response.status == 201, "\(text(response))")
        let id = try object(response)["id"] as? String ?? ""
        let rotated = try object(try admin.json("POST", "\(applications)/\(id)/secret", "{}"))
        return (id, rotated["secret"] as? String ?? "")
    }

    static func tokenStatus(_ id: String, _ secret: String) throws -> Int {
        try server.tokenResponse(clientID: id, secret: secret, environment: server.a).status
    }

    @Test func createdWorkerEchoesWhatTerraformSentAndNoSecret() throws {
        let response = try Self.admin.json("POST", Self.applications, Self.terraformBody)
        #expect(response.status == 201, "\(text(response))")
        let body = try object(response)
        #expect(body["protocol"] as? String == "OPENID_CONNECT")
        #expect(body["type"] as? String == "WORKER")
        #expect((body["environment"] as? [String: Any])?["id"] as? String == Self.server.a)
        #expect(body["parTimeout"] as? Int == 60)
        #expect(body["refreshTokenRollingDuration"] as? Int == 15_552_000)
        #expect(body["additionalRefreshTokenReplayProtectionEnabled"] as? Bool == true)
        #expect(body["grantTypes"] as? [String] == ["CLIENT_CREDENTIALS"])
        #expect(
            ((body["accessControl"] as? [String: Any])?["role"] as? [String: Any])?["type"] as? String
                == "ADMIN_USERS_ONLY"
        )
        #expect(body["secret"] == nil && body["clientSecret"] == nil && body["assignActorRoles"] == nil)
        let id = body["id"] as? String ?? ""
        let read = try Self.admin.getObject("\(Self.applications)/\(id)")
        #expect(read["pkceEnforcement"] as? String == "OPTIONAL")
        #expect(read["description"] as? String == "CI worker")
        let roles = try Self.admin.getObject("\(Self.applications)/\(id)/roleAssignments")
        #expect(roles["count"] as? Int == 0, "a new application holds no role by default")
    }

    @Test func assignActorRolesGivesTheNewApplicationTheCreatorsRoles() throws {
        let body =
            #"{"name":"inherits","type":"WORKER","protocol":"OPENID_CONNECT","enabled":true,"assignActorRoles":true}"#
        let id = try object(try Self.admin.json("POST", Self.applications, body))["id"] as? String ?? ""
        let roles = try Self.admin.getObject("\(Self.applications)/\(id)/roleAssignments")
        let items = (roles["_embedded"] as? [String: Any])?["roleAssignments"] as? [[String: Any]] ?? []
        #expect(
            items.contains {
                ($0["role"] as? [String: Any])?["id"] as? String
                    == BuiltInRoles.organizationAdminID.uuidString.lowercased()
            }
        )
    }

    @Test func onlyWorkersWithSecretMethodsAreAccepted() throws {
        let cases: [(String, String)] = [
            (#"{"name":"x","type":"WEB_APP","protocol":"OPENID_CONNECT"}"#, "type"),
            (#"{"name":"x","type":"WORKER","protocol":"SAML"}"#, "protocol"),
            (
                #"{"name":"x","type":"WORKER","protocol":"OPENID_CONNECT","tokenEndpointAuthMethod":"NONE"}"#,
                "tokenEndpointAuthMethod"
            ),
            (
                #"{"name":"x","type":"WORKER","protocol":"OPENID_CONNECT","grantTypes":["AUTHORIZATION_CODE"]}"#,
                "grantTypes"
            ),
        ]
        for (body, target) in cases {
            expectInvalidData(try Self.admin.json("POST", Self.applications, body), "INVALID_VALUE", target: target)
        }
        expectInvalidData(
            try Self.admin.json("POST", Self.applications, #"{"type":"WORKER","protocol":"OPENID_CONNECT"}"#),
            "REQUIRED_VALUE",
            target: "name"
        )
    }

    @Test func replaceChangesTheApplicationAndKeepsItsSecret() throws {
        let (id, secret) = try Self.created()
        let body =
            #"{"name":"renamed","type":"WORKER","protocol":"OPENID_CONNECT","enabled":true,"tokenEndpointAuthMethod":"CLIENT_SECRET_POST"}"#
        let response = try Self.admin.json("PUT", "\(Self.applications)/\(id)", body)
        #expect(response.status == 200, "\(text(response))")
        #expect(try object(response)["name"] as? String == "renamed")
        #expect(try object(response)["tokenEndpointAuthMethod"] as? String == "CLIENT_SECRET_POST")
        #expect(try Self.tokenStatus(id, secret) == 200)
    }

    @Test func deletedApplicationLosesItsRolesAndItsSecret() throws {
        let (id, secret) = try Self.created()
        let grant =
            #"{"role":{"id":"\#(BuiltInRoles.auditorID.uuidString.lowercased())"},"scope":{"id":"\#(Self.server.a)","type":"ENVIRONMENT"}}"#
        #expect(try Self.admin.json("POST", "\(Self.applications)/\(id)/roleAssignments", grant).status == 201)
        #expect(try Self.admin.call("DELETE", "\(Self.applications)/\(id)").status == 204)
        expectError(try Self.admin.call("GET", "\(Self.applications)/\(id)"), 404, "NOT_FOUND")
        #expect(try Self.tokenStatus(id, secret) == 401)
        let uuid = try #require(UUID(uuidString: id))
        #expect(try Self.server.store.read { try $0.roleAssignments(applicationID: uuid) }.isEmpty)
        expectError(
            try Self.admin.call("DELETE", "\(Self.applications)/\(Self.server.clientID)"),
            400,
            "INVALID_DATA",
            detail: "CONSTRAINT_VIOLATION"
        )
    }

    @Test func rotationWithoutGraceEndsTheOldSecretAtOnce() throws {
        let (id, old) = try Self.created()
        let rotated = try Self.admin.json("POST", "\(Self.applications)/\(id)/secret", "{}")
        #expect(rotated.status == 200)
        let body = try object(rotated)
        let secret = body["secret"] as? String ?? ""
        #expect(secret.count >= 20 && secret != old)
        #expect(body["previous"] == nil)
        #expect((body["environment"] as? [String: Any])?["id"] as? String == Self.server.a)
        #expect(try Self.tokenStatus(id, secret) == 200)
        #expect(try Self.tokenStatus(id, old) == 401)
        let read = try Self.admin.getObject("\(Self.applications)/\(id)/secret")
        #expect(read["secret"] == nil, "only a hash is stored: GET cannot answer the secret")
        #expect((read["environment"] as? [String: Any])?["id"] as? String == Self.server.a)
    }

    @Test func rotationWithGraceKeepsTheOldSecretUntilItExpires() throws {
        let (id, old) = try Self.created()
        // Two minutes, so that the suite's admin token (one hour) outlives the clock's advance.
        let expiry = JSONDate.string(Self.clock.now.addingTimeInterval(120))
        let rotated = try object(
            try Self.admin.json(
                "POST",
                "\(Self.applications)/\(id)/secret",
                #"{"previous":{"expiresAt":"\#(expiry)"}}"#
            )
        )
        let secret = rotated["secret"] as? String ?? ""
        #expect((rotated["previous"] as? [String: Any])?["expiresAt"] as? String == expiry)
        #expect(try Self.tokenStatus(id, old) == 200)
        #expect(try Self.tokenStatus(id, secret) == 200)
        let read = try Self.admin.getObject("\(Self.applications)/\(id)/secret")
        #expect((read["previous"] as? [String: Any])?["expiresAt"] as? String == expiry)
        Self.clock.advance(by: 121)
        #expect(try Self.tokenStatus(id, old) == 401)
        #expect(try Self.tokenStatus(id, secret) == 200)
        #expect(try Self.admin.getObject("\(Self.applications)/\(id)/secret")["previous"] == nil)
    }

    @Test func deletingThePreviousSecretEndsItsGraceAtOnce() throws {
        let (id, old) = try Self.created()
        let expiry = JSONDate.string(Self.clock.now.addingTimeInterval(86400))
        _ = try Self.admin.json(
            "POST",
            "\(Self.applications)/\(id)/secret",
            #"{"previous":{"expiresAt":"\#(expiry)"}}"#
        )
        #expect(try Self.tokenStatus(id, old) == 200)
        #expect(try Self.admin.call("DELETE", "\(Self.applications)/\(id)/secret").status == 204)
        #expect(try Self.tokenStatus(id, old) == 401)
    }

    @Test(arguments: [30.0, 31 * 86400.0])
    func gracePeriodOutsideOneMinuteToThirtyDaysIsRefused(_ seconds: Double) throws {
        let (id, _) = try Self.created()
        let expiry = JSONDate.string(Self.clock.now.addingTimeInterval(seconds))
        expectInvalidData(
            try Self.admin.json(
                "POST",
                "\(Self.applications)/\(id)/secret",
                #"{"previous":{"expiresAt":"\#(expiry)"}}"#
            ),
            "INVALID_VALUE",
            target: "previous.expiresAt"
        )
    }
}
