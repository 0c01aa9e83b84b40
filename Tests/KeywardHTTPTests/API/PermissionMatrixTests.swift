import Foundation
import KeywardCore
import KeywardTestSupport
import Testing

@testable import KeywardHTTP

/// Every endpoint × {no token, malformed token, expired token, token signed by another key,
/// token of another organization, a role without the endpoint's permission, a role with it}:
/// 401 / 401 / 401 / 401 / 404 / 403 / 2xx. Refusals change nothing in the store.
///
/// The endpoints act on environment E, made for this suite. The role clients live in
/// environment A and hold one role each at E (Organization Admin is the server's admin).
@Suite("Permission matrix over every endpoint", .serialized)
struct PermissionMatrixTests {
    nonisolated(unsafe) static let server = sharedServer()
    nonisolated(unsafe) static let admin = sharedClient(server)
    nonisolated(unsafe) static let world = makeWorld("Matrix")

    /// The environment the endpoints act on, the role clients, and the records the paths name.
    struct World {
        let environment: String
        let scope: Scope
        let clients: [(name: String, role: Role?, scope: Scope, client: APIClient)]
        let key: String
        let certificate: String
        let application: String
        let assignment: String
        /// The environment's default key rotation policy.
        let policy: String
        /// An audit event listed in the environment.
        let activity: String
        /// A webhook subscription of the environment.
        let subscription: String
    }

    /// A filter every event of the suite matches.
    static let activityFilter = #"recordedAt gt "2020-01-01T00:00:00.000Z""#

    static func makeWorld(_ name: String) -> World {
        do {
            let created = try object(try admin.json("POST", "/v1/environments", #"{"name":"\#(name)"}"#))
            let environment = created["id"] as? String ?? ""
            let scope = Scope.environment(try #require(UUID(uuidString: environment)))
            var clients: [(String, Role?, Scope, APIClient)] = []
            for role in [
                BuiltInRoles.auditor, BuiltInRoles.keyAndCertificateOperator, BuiltInRoles.configurationReadOnly,
                BuiltInRoles.environmentAdmin,
            ] {
                clients.append((role.name, role, scope, try server.roleClient(role.name, roles: [(role.id, scope)])))
            }
            clients.append(("no role", nil, scope, try server.roleClient("no role")))
            let (key, certificate) = try AuthenticationTests.records(in: environment, admin)
            let application =
                try object(
                    try admin.json("POST", "/v1/environments/\(environment)/applications", Self.applicationBody)
                )["id"] as? String ?? ""
            let assignment =
                try object(
                    try admin.json(
                        "POST",
                        "/v1/environments/\(environment)/applications/\(application)/roleAssignments",
                        #"{"role":{"id":"\#(BuiltInRoles.configurationReadOnlyID.uuidString.lowercased())"},"#
                            + #""scope":{"id":"\#(environment)","type":"ENVIRONMENT"}}"#
                    )
                )["id"] as? String ?? ""
            let policies = try object(try admin.call("GET", "/v1/environments/\(environment)/keyRotationPolicies"))
            let policy =
                ((policies["_embedded"] as? [String: Any])?["keyRotationPolicies"] as? [[String: Any]])?.first?["id"]
                as? String ?? ""
            let query = activityFilter.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let activities = try object(
                try admin.call("GET", "/v1/environments/\(environment)/activities?filter=\(query)")
            )
            let activity =
                ((activities["_embedded"] as? [String: Any])?["activities"] as? [[String: Any]])?.first?["id"]
                as? String ?? ""
            let subscription =
                try object(
                    try admin.json("POST", "/v1/environments/\(environment)/subscriptions", Self.subscriptionBody)
                )["id"] as? String ?? ""
            return World(
                environment: environment,
                scope: scope,
                clients: clients,
                key: key,
                certificate: certificate,
                application: application,
                assignment: assignment,
                policy: policy,
                activity: activity,
                subscription: subscription
            )
        } catch {
            fatalError("cannot build the matrix's world: \(error)")
        }
    }

    static let applicationBody = #"{"name":"matrix app","type":"WORKER","protocol":"OPENID_CONNECT","enabled":true}"#
    static let subscriptionBody =
        #"{"name":"matrix hook","enabled":false,"verifyTlsCertificates":true,"httpEndpoint":{"url":"https://h.example"},"#
        + #""filterOptions":{"includedActionTypes":["KEY.CREATED"]}}"#

    /// One endpoint, the permission it requires, and what success looks like.
    struct Endpoint: CustomStringConvertible {
        let method: String
        let path: String
        let permission: Permission
        /// The permission is needed at the organization (not just at E).
        var organizationWide = false
        /// The expected success status; `nil` when the request passes the checks but the body is
        /// refused (a CSR answer for another key): anything but 401, 403, 404.
        var success: Int? = 200
        var headers: [(String, String)] = []
        var body: [UInt8] = []
        /// The path names only the caller's own organization-wide lists, so another
        /// organization's caller is not refused.
        var tenantFree = false

        var description: String { "\(method) \(path)" }
    }

    static func json(_ text: String) -> ([(String, String)], [UInt8]) {
        ([("Content-Type", "application/json")], Array(text.utf8))
    }

    /// Every endpoint, deletes last (and the environment's own delete at the very end).
    static func endpoints(_ world: World) -> [Endpoint] {
        let e = "/v1/environments/\(world.environment)"
        let key = "\(e)/keys/\(world.key)"
        let certificate = "\(e)/certificates/\(world.certificate)"
        let app = "\(e)/applications/\(world.application)"
        let assignment = "\(app)/roleAssignments/\(world.assignment)"
        let subscription = "\(e)/subscriptions/\(world.subscription)"
        let hook = json(subscriptionBody)
        let keyBody = json((try? jsonText(KeysCreateTests.valid)) ?? "{}")
        var upload = MultipartBody()
        upload.addField("usageType", "SIGNING")
        upload.addFile(
            "file",
            fileName: "leaf.pem",
            contentType: "application/octet-stream",
            data: (try? fixture("certs/leaf.pem")) ?? []
        )
        let form = ([("Content-Type", upload.contentType)], upload.finished())
        let auditor = BuiltInRoles.auditorID.uuidString.lowercased()
        let grant = json(#"{"role":{"id":"\#(auditor)"},"scope":{"id":"\#(world.environment)","type":"ENVIRONMENT"}}"#)
        let rename = json(#"{"name":"Matrix renamed"}"#)
        let newEnvironment = json(#"{"name":"Matrix new"}"#)
        let application = json(applicationBody)
        let rotation = json("{}")
        let keyUpdate = json(#"{"default":false,"usageType":"SIGNING"}"#)
        let sign = json(#"{"key":{"id":"\#(world.key)"},"plainText":"QUJD"}"#)
        let verify = json(#"{"key":{"id":"\#(world.key)"},"plainText":"QUJD","signature":"AAAA"}"#)
        let decrypt = json(#"{"key":{"id":"\#(world.key)"},"cipherText":"AAAA"}"#)
        let jws = json(#"{"payload":{"sub":"matrix"}}"#)
        let roleID = BuiltInRoles.environmentAdminID.uuidString.lowercased()
        let policy = "\(e)/keyRotationPolicies/\(world.policy)"
        let filterQuery = activityFilter.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let activityQuery = json((try? jsonText(["filter": activityFilter])) ?? "{}")
        let policyBody = json(
            #"{"name":"Matrix policy","dn":"CN=Matrix policy","algorithm":"RSA","keyLength":2048,"#
                + #""signatureAlgorithm":"SHA256withRSA","usageType":"SIGNING","rotationPeriod":60}"#
        )
        let organization = "/v1/organizations/\(server.organization.id.uuidString.lowercased())"
        return [
            Endpoint(method: "GET", path: "/v1/environments", permission: .readEnvironment, tenantFree: true),
            Endpoint(
                method: "POST",
                path: "/v1/environments",
                permission: .createEnvironment,
                organizationWide: true,
                success: 201,
                headers: newEnvironment.0,
                body: newEnvironment.1,
                tenantFree: true
            ),
            Endpoint(method: "GET", path: e, permission: .readEnvironment),
            Endpoint(method: "PUT", path: e, permission: .updateEnvironment, headers: rename.0, body: rename.1),
            Endpoint(method: "GET", path: "/v1/organizations", permission: .readOrganization, tenantFree: true),
            Endpoint(method: "GET", path: organization, permission: .readOrganization),
            Endpoint(method: "GET", path: "/v1/roles", permission: .readRoles, tenantFree: true),
            Endpoint(method: "GET", path: "/v1/roles/\(roleID)", permission: .readRoles, tenantFree: true),
            Endpoint(method: "GET", path: "\(e)/keys", permission: .readKey),
            Endpoint(
                method: "POST",
                path: "\(e)/keys",
                permission: .createKey,
                success: 201,
                headers: keyBody.0,
                body: keyBody.1
            ),
            Endpoint(method: "GET", path: key, permission: .readKey),
            Endpoint(
                method: "GET",
                path: key,
                permission: .exportKey,
                headers: [("Accept", "application/x-x509-ca-cert")]
            ),
            Endpoint(method: "GET", path: key, permission: .exportKey, headers: [("Accept", "application/pkix-cert")]),
            Endpoint(
                method: "GET",
                path: key,
                permission: .exportKey,
                headers: [("Accept", "application/x-pkcs7-certificates")]
            ),
            Endpoint(method: "PUT", path: key, permission: .updateKey, headers: keyUpdate.0, body: keyUpdate.1),
            Endpoint(method: "GET", path: "\(key)/applications", permission: .readKey),
            Endpoint(method: "GET", path: "\(key)/csr", permission: .exportKey),
            Endpoint(
                method: "PUT",
                path: "\(key)/csr",
                permission: .updateKey,
                success: nil,
                headers: form.0,
                body: form.1
            ),
            Endpoint(
                method: "POST",
                path: "\(key)/csr",
                permission: .updateKey,
                success: nil,
                headers: form.0,
                body: form.1
            ),
            // Cryptographic operations: the key is SIGNING, so encrypt and decrypt pass the checks
            // and are refused on its usage type (400).
            Endpoint(method: "POST", path: "\(e)/signings", permission: .useKey, headers: sign.0, body: sign.1),
            Endpoint(
                method: "POST",
                path: "\(e)/verifications",
                permission: .readKey,
                headers: verify.0,
                body: verify.1
            ),
            Endpoint(
                method: "POST",
                path: "\(e)/encryptions",
                permission: .readKey,
                success: nil,
                headers: sign.0,
                body: sign.1
            ),
            Endpoint(
                method: "POST",
                path: "\(e)/decryptions",
                permission: .useKey,
                success: nil,
                headers: decrypt.0,
                body: decrypt.1
            ),
            Endpoint(method: "POST", path: "\(key)/jws", permission: .useKey, headers: jws.0, body: jws.1),
            Endpoint(method: "GET", path: "\(e)/keyRotationPolicies", permission: .readKeyRotationPolicy),
            Endpoint(
                method: "POST",
                path: "\(e)/keyRotationPolicies",
                permission: .createKeyRotationPolicy,
                success: 201,
                headers: policyBody.0,
                body: policyBody.1
            ),
            Endpoint(method: "GET", path: policy, permission: .readKeyRotationPolicy),
            Endpoint(method: "GET", path: "\(policy)/jwks", permission: .readKeyRotationPolicy),
            Endpoint(
                method: "PUT",
                path: policy,
                permission: .updateKeyRotationPolicy,
                headers: policyBody.0,
                body: policyBody.1
            ),
            Endpoint(method: "POST", path: "\(policy)/rotate", permission: .rotateKeyRotationPolicy),
            // The default policy cannot be deleted: the checks pass, the delete is refused (400).
            Endpoint(method: "DELETE", path: policy, permission: .deleteKeyRotationPolicy, success: nil),
            Endpoint(method: "GET", path: "\(e)/activities?filter=\(filterQuery)", permission: .readActivity),
            Endpoint(
                method: "POST",
                path: "\(e)/activities",
                permission: .readActivity,
                headers: activityQuery.0,
                body: activityQuery.1
            ),
            Endpoint(method: "GET", path: "\(e)/activities/\(world.activity)", permission: .readActivity),
            Endpoint(method: "GET", path: "\(e)/certificates", permission: .readCertificate),
            Endpoint(
                method: "POST",
                path: "\(e)/certificates",
                permission: .createCertificate,
                success: 202,
                headers: form.0,
                body: form.1
            ),
            Endpoint(method: "GET", path: certificate, permission: .readCertificate),
            Endpoint(method: "GET", path: "\(certificate)/applications", permission: .readCertificate),
            Endpoint(method: "GET", path: "\(e)/applications", permission: .readApplication),
            Endpoint(
                method: "POST",
                path: "\(e)/applications",
                permission: .createApplication,
                success: 201,
                headers: application.0,
                body: application.1
            ),
            Endpoint(method: "GET", path: app, permission: .readApplication),
            Endpoint(
                method: "PUT",
                path: app,
                permission: .updateApplication,
                headers: application.0,
                body: application.1
            ),
            Endpoint(method: "GET", path: "\(app)/secret", permission: .readSecret),
            Endpoint(
                method: "POST",
                path: "\(app)/secret",
                permission: .updateSecret,
                headers: rotation.0,
                body: rotation.1
            ),
            Endpoint(method: "DELETE", path: "\(app)/secret", permission: .deleteSecret, success: 204),
            Endpoint(method: "GET", path: "\(app)/roleAssignments", permission: .readRoleAssignments),
            Endpoint(
                method: "POST",
                path: "\(app)/roleAssignments",
                permission: .createRoleAssignments,
                success: 201,
                headers: grant.0,
                body: grant.1
            ),
            Endpoint(method: "GET", path: assignment, permission: .readRoleAssignments),
            Endpoint(method: "DELETE", path: assignment, permission: .deleteRoleAssignments, success: 204),
            Endpoint(method: "GET", path: "\(e)/subscriptions", permission: .readSubscription),
            Endpoint(
                method: "POST",
                path: "\(e)/subscriptions",
                permission: .createSubscription,
                success: 201,
                headers: hook.0,
                body: hook.1
            ),
            Endpoint(method: "GET", path: subscription, permission: .readSubscription),
            Endpoint(
                method: "PUT",
                path: subscription,
                permission: .updateSubscription,
                headers: hook.0,
                body: hook.1
            ),
            Endpoint(method: "POST", path: "\(subscription)/signingSecret", permission: .updateSubscription),
            Endpoint(method: "DELETE", path: subscription, permission: .deleteSubscription, success: 204),
            Endpoint(method: "DELETE", path: app, permission: .deleteApplication, success: 204),
            Endpoint(method: "DELETE", path: key, permission: .deleteKey, success: 204),
            Endpoint(method: "DELETE", path: certificate, permission: .deleteCertificate, success: 204),
            Endpoint(method: "DELETE", path: e, permission: .deleteEnvironment, success: 204),
        ]
    }

    static let table = endpoints(world)

    /// Whether holding `role` at `scope` is enough for `endpoint`.
    static func grants(_ role: Role?, at scope: Scope, _ endpoint: Endpoint) -> Bool {
        guard let role, role.permissions.contains(endpoint.permission) else { return false }
        return !endpoint.organizationWide || scope.type == .organization
    }

    /// The first client (least powerful first) whose role does not allow `endpoint`.
    static func deniedClient(_ endpoint: Endpoint, in world: World = world) -> (String, APIClient) {
        let client = world.clients.first { !grants($0.role, at: $0.scope, endpoint) }
        return client.map { ($0.name, $0.client) } ?? ("no role", world.clients[world.clients.count - 1].client)
    }

    /// The first client (least powerful first) whose role allows `endpoint`; else the admin.
    static func allowedClient(_ endpoint: Endpoint, in world: World) -> (String, APIClient) {
        let client = world.clients.first { grants($0.role, at: $0.scope, endpoint) }
        return client.map { ($0.name, $0.client) } ?? ("Organization Admin", admin)
    }

    static func send(_ endpoint: Endpoint, authorization: String?) throws -> RawHTTPResponse {
        var headers = endpoint.headers
        if let authorization { headers.append(("Authorization", authorization)) }
        return try server.client().request(endpoint.method, endpoint.path, headers: headers, body: endpoint.body)
    }

    static func expectEverywhere(
        _ status: Int,
        _ code: String,
        authorization: String?,
        skip: (Endpoint) -> Bool = { _ in false },
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try server.expectUnchanged(sourceLocation: sourceLocation) {
            for endpoint in table where !skip(endpoint) {
                let response = try send(endpoint, authorization: authorization)
                #expect(response.status == status, "\(endpoint): \(text(response))", sourceLocation: sourceLocation)
                let body = try? decodeJSON(ErrorJSON.self, from: response.body)
                #expect(body?.code == code, "\(endpoint)", sourceLocation: sourceLocation)
            }
        }
    }

    /// Every `/v1` route the router serves (its own `HEAD` variants aside) is in the table, so
    /// a new endpoint without a permission check cannot go unnoticed.
    @Test func tableCoversEveryRoute() throws {
        let router = Routes.makeRouter(Self.server.services)
        let covered = Set(
            try Self.table.map { endpoint in
                try #require(
                    router.routePattern(
                        method: HTTPMethod(rawValue: endpoint.method),
                        path: String(endpoint.path.prefix { $0 != "?" })
                    )
                )
            }
        )
        let served = Set(router.routePatterns.filter { $0.contains(" /v1/") })
        #expect(served.subtracting(covered).isEmpty, "not in the table: \(served.subtracting(covered).sorted())")
        #expect(covered.isSubset(of: served))
    }

    @Test(arguments: [nil, "Bearer", "Bearer not-a-jwt", "Bearer a.b.c"] as [String?])
    func missingOrMalformedTokenIs401(_ authorization: String?) throws {
        try Self.expectEverywhere(401, "ACCESS_FAILED", authorization: authorization)
    }

    @Test func expiredTokenIs401() throws {
        // Re-signed unchanged, the token is still good: only the expiry below refuses it.
        let resigned = try Self.server.resigned(
            Self.admin.token,
            signer: Self.server.environmentA,
            kidEnvironment: Self.server.environmentA
        )
        let client = try Self.server.client()
        let accepted = try client.request("GET", "/v1/environments", headers: [("Authorization", "Bearer \(resigned)")])
        #expect(accepted.status == 200, "\(text(accepted))")
        let expired = try Self.server.resigned(
            Self.admin.token,
            signer: Self.server.environmentA,
            kidEnvironment: Self.server.environmentA
        ) {
            let now = Int(Date().timeIntervalSince1970)
            $0["iat"] = now - 7200
            $0["exp"] = now - 3600
        }
        try Self.expectEverywhere(401, "ACCESS_FAILED", authorization: "Bearer \(expired)")
    }

    @Test func tokenSignedByAnotherKeyIs401() throws {
        let forged = try Self.server.resigned(
            Self.admin.token,
            signer: Self.server.environmentB,
            kidEnvironment: Self.server.environmentA
        )
        try Self.expectEverywhere(401, "ACCESS_FAILED", authorization: "Bearer \(forged)")
    }

    @Test func tokenOfAnotherOrganizationIs404() throws {
        let other = try APIClient(Self.server, other: true)
        try Self.expectEverywhere(404, "NOT_FOUND", authorization: "Bearer \(other.token)") { $0.tenantFree }
    }

    @Test func roleWithoutThePermissionIs403() throws {
        try Self.server.expectUnchanged {
            for endpoint in Self.table {
                let (name, client) = Self.deniedClient(endpoint)
                let response = try client.call(
                    endpoint.method,
                    endpoint.path,
                    headers: endpoint.headers,
                    body: endpoint.body
                )
                expectError(response, 403, "ACCESS_FAILED", detail: "INSUFFICIENT_PERMISSIONS")
                #expect(response.status == 403, "\(endpoint) as \(name)")
                let body = try? decodeJSON(ErrorJSON.self, from: response.body)
                #expect(body?.message == "The actor attempting to perform the request is not authorized.")
            }
        }
    }

    /// On a world of its own, as it deletes the records (and the environment) it acts on.
    @Test func roleWithThePermissionSucceeds() throws {
        let world = Self.makeWorld("Matrix 2")
        for endpoint in Self.endpoints(world) {
            let (name, client) = Self.allowedClient(endpoint, in: world)
            let response = try client.call(
                endpoint.method,
                endpoint.path,
                headers: endpoint.headers,
                body: endpoint.body
            )
            if let success = endpoint.success {
                #expect(response.status == success, "\(endpoint) as \(name): \(text(response))")
            } else {
                #expect(![401, 403, 404].contains(response.status), "\(endpoint) as \(name): \(text(response))")
            }
        }
    }
}
