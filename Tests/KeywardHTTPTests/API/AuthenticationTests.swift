import Foundation
import KeywardCore
import KeywardCrypto
import KeywardTestSupport
import Testing

@testable import KeywardHTTP

/// Every API endpoint refuses a missing or bad bearer token with 401 `ACCESS_FAILED` and a
/// `WWW-Authenticate: Bearer` challenge, and answers 404 for another tenant's ids; neither
/// changes the store.
@Suite("Authentication and tenancy on every endpoint", .serialized)
struct AuthenticationTests {
    nonisolated(unsafe) static let server = sharedServer()
    nonisolated(unsafe) static let api = sharedClient(server)

    /// One endpoint: method, path and a body that would be accepted with a good token.
    struct Endpoint: CustomStringConvertible {
        let method: String
        let path: String
        let contentType: String?
        let body: [UInt8]

        var description: String { "\(method) \(path)" }
    }

    /// Ids in environment `environment` that the table's paths name.
    static func endpoints(environment: String, key: String, certificate: String, organization: String) -> [Endpoint] {
        let json = "application/json"
        let keyBody = Array(((try? jsonText(KeysCreateTests.valid)) ?? "{}").utf8)
        var form = MultipartBody()
        form.addField("usageType", "SIGNING")
        form.addFile(
            "file",
            fileName: "leaf.pem",
            contentType: "application/octet-stream",
            data: (try? fixture("certs/leaf.pem")) ?? []
        )
        let e = "/v1/environments/\(environment)"
        return [
            Endpoint(method: "GET", path: "/v1/environments", contentType: nil, body: []),
            Endpoint(method: "POST", path: "/v1/environments", contentType: json, body: Array(#"{"name":"New"}"#.utf8)),
            Endpoint(method: "GET", path: e, contentType: nil, body: []),
            Endpoint(method: "PUT", path: e, contentType: json, body: Array(#"{"name":"Renamed"}"#.utf8)),
            Endpoint(method: "DELETE", path: e, contentType: nil, body: []),
            Endpoint(method: "GET", path: "/v1/organizations", contentType: nil, body: []),
            Endpoint(method: "GET", path: "/v1/organizations/\(organization)", contentType: nil, body: []),
            Endpoint(method: "GET", path: "\(e)/keys", contentType: nil, body: []),
            Endpoint(method: "POST", path: "\(e)/keys", contentType: json, body: keyBody),
            Endpoint(method: "GET", path: "\(e)/keys/\(key)", contentType: nil, body: []),
            Endpoint(
                method: "PUT",
                path: "\(e)/keys/\(key)",
                contentType: json,
                body: Array(#"{"default":false,"usageType":"SIGNING"}"#.utf8)
            ),
            Endpoint(method: "DELETE", path: "\(e)/keys/\(key)", contentType: nil, body: []),
            Endpoint(method: "GET", path: "\(e)/keys/\(key)/applications", contentType: nil, body: []),
            Endpoint(method: "GET", path: "\(e)/keys/\(key)/csr", contentType: nil, body: []),
            Endpoint(method: "PUT", path: "\(e)/keys/\(key)/csr", contentType: form.contentType, body: form.finished()),
            Endpoint(
                method: "POST",
                path: "\(e)/keys/\(key)/csr",
                contentType: form.contentType,
                body: form.finished()
            ),
            Endpoint(method: "GET", path: "\(e)/certificates", contentType: nil, body: []),
            Endpoint(method: "POST", path: "\(e)/certificates", contentType: form.contentType, body: form.finished()),
            Endpoint(method: "GET", path: "\(e)/certificates/\(certificate)", contentType: nil, body: []),
            Endpoint(method: "DELETE", path: "\(e)/certificates/\(certificate)", contentType: nil, body: []),
            Endpoint(method: "GET", path: "\(e)/certificates/\(certificate)/applications", contentType: nil, body: []),
        ]
    }

    /// A key and a certificate of `environment`, made through the API.
    static func records(in environment: String, _ api: APIClient) throws -> (key: String, certificate: String) {
        let key = try api.json("POST", "/v1/environments/\(environment)/keys", try jsonText(KeysCreateTests.valid))
        let certificate = try api.multipart(
            "POST",
            "/v1/environments/\(environment)/certificates",
            file: try fixture("certs/leaf.pem"),
            fields: [("usageType", "SIGNING")]
        )
        return (try object(key)["id"] as? String ?? "", try object(certificate)["id"] as? String ?? "")
    }

    static func table(_ server: APIServer, _ api: APIClient) throws -> [Endpoint] {
        let (key, certificate) = try records(in: server.a, api)
        return endpoints(
            environment: server.a,
            key: key,
            certificate: certificate,
            organization: server.organization.id.uuidString.lowercased()
        )
    }

    /// Sends every endpoint with `authorization` and expects 401 with the Bearer challenge.
    static func expectUnauthorizedEverywhere(
        _ server: APIServer,
        _ endpoints: [Endpoint],
        authorization: String?,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try server.expectUnchanged(sourceLocation: sourceLocation) {
            for endpoint in endpoints {
                var headers: [(String, String)] = []
                if let authorization { headers.append(("Authorization", authorization)) }
                if let type = endpoint.contentType { headers.append(("Content-Type", type)) }
                let response = try server.client().request(
                    endpoint.method,
                    endpoint.path,
                    headers: headers,
                    body: endpoint.body
                )
                #expect(response.status == 401, "\(endpoint): \(text(response))", sourceLocation: sourceLocation)
                #expect(
                    response.headers["WWW-Authenticate"]?.hasPrefix("Bearer") == true,
                    "\(endpoint)",
                    sourceLocation: sourceLocation
                )
                let body = try? decodeJSON(ErrorJSON.self, from: response.body)
                #expect(body?.code == "ACCESS_FAILED", "\(endpoint)", sourceLocation: sourceLocation)
                #expect(body?.details?.first?.code == "INVALID_TOKEN", "\(endpoint)", sourceLocation: sourceLocation)
            }
        }
    }

    static let table: [Endpoint] = (try? table(server, api)) ?? []

    @Test func tableCoversEveryRoute() {
        #expect(Self.table.count == 21)
    }

    @Test(arguments: [nil, "Bearer", "Bearer not-a-jwt", "Bearer a.b.c", "Basic YTpi", "bearer  "] as [String?])
    func missingOrMalformedTokenIs401(_ authorization: String?) throws {
        try Self.expectUnauthorizedEverywhere(Self.server, Self.table, authorization: authorization)
    }

    @Test func tokenWithAFlippedSignatureByteIs401() throws {
        var token = Array(Self.api.token.utf8)
        let index = token.count - 10
        token[index] = token[index] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        try Self.expectUnauthorizedEverywhere(
            Self.server,
            Self.table,
            authorization: "Bearer \(String(decoding: token, as: UTF8.self))"
        )
    }

    @Test func tokenSignedByAKeyOfAnotherEnvironmentIs401() throws {
        let parts = Self.api.token.split(separator: ".")
        let header =
            try JSONSerialization.jsonObject(with: Data(base64URL: String(parts[0])) ?? Data()) as? [String: Any]
        let payload = Data(base64URL: String(parts[1])) ?? Data()
        let (keyB, privateKeyB) = try Self.server.store.read { reader in
            let key = try reader.defaultKey(environmentID: Self.server.environmentB.id, usageType: .signing)
            return (key, try key.flatMap { try reader.privateKey(recordID: $0.id) })
        }
        let signer = try #require(privateKeyB)
        for kid in [header?["kid"] as? String ?? "", keyB?.id.uuidString.lowercased() ?? ""] {
            let forged = try CompactJWS.sign(
                headerJSON: Array(#"{"alg":"RS256","kid":"\#(kid)","typ":"JWT"}"#.utf8),
                payloadJSON: Array(payload),
                with: signer,
                algorithm: .rs256
            )
            try Self.expectUnauthorizedEverywhere(Self.server, Self.table, authorization: "Bearer \(forged)")
        }
    }

    @Test func expiredTokenIs401() throws {
        let clock = ManualClock(Date())
        let server = try APIServer(clock: clock)
        let api = try APIClient(server)
        let table = try Self.table(server, api)
        #expect(try api.call("GET", "/v1/environments").status == 200)
        clock.advance(by: 2 * 3600)
        try Self.expectUnauthorizedEverywhere(server, table, authorization: "Bearer \(api.token)")
    }

    @Test func tokenOfADeletedEnvironmentIs401() throws {
        let created = try Self.api.json("POST", "/v1/environments", #"{"name":"Short-lived"}"#)
        let environment = try object(created)["id"] as? String ?? ""
        let environmentID = try #require(UUID(uuidString: environment))
        let applications = ApplicationService(store: Self.server.store, hashIterations: 1000)
        let (application, secret) = try applications.create(name: "doomed admin", in: environmentID)
        try Self.server.services.roleAssignments.grantAsOperator(
            BuiltInRoles.organizationAdminID,
            at: .organization(Self.server.organization.id),
            to: application.id
        )
        let id = application.id.uuidString.lowercased()
        let answer = try Self.server.client().request(
            "POST",
            "/\(environment)/as/token",
            headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array("grant_type=client_credentials&client_id=\(id)&client_secret=\(secret)".utf8)
        )
        let token = try decodeJSON(TokenAnswer.self, from: answer.body).accessToken
        let before = try Self.server.client().request(
            "GET",
            "/v1/environments",
            headers: [("Authorization", "Bearer \(token)")]
        )
        #expect(before.status == 200)
        #expect(try Self.api.call("DELETE", "/v1/environments/\(environment)").status == 204)
        try Self.expectUnauthorizedEverywhere(Self.server, Self.table, authorization: "Bearer \(token)")
    }

    @Test func anotherOrganizationsIdsAreNotFoundEverywhere() throws {
        let other = try APIClient(Self.server, other: true)
        let withIDs = Self.table.filter { $0.path != "/v1/environments" && $0.path != "/v1/organizations" }
        try Self.server.expectUnchanged {
            for endpoint in withIDs {
                let headers = endpoint.contentType.map { [("Content-Type", $0)] } ?? []
                let response = try other.call(endpoint.method, endpoint.path, headers: headers, body: endpoint.body)
                expectError(response, 404, "NOT_FOUND")
            }
        }
    }

    @Test func environmentBsRecordsThroughEnvironmentAsPathAreNotFound() throws {
        let (key, certificate) = try Self.records(in: Self.server.b, Self.api)
        let throughA = Self.endpoints(
            environment: Self.server.a,
            key: key,
            certificate: certificate,
            organization: UUID().uuidString.lowercased()
        ).filter { $0.path.contains(key) || $0.path.contains(certificate) || $0.path.contains("/organizations/") }
        #expect(throughA.count == 11)
        try Self.server.expectUnchanged {
            for endpoint in throughA {
                let headers = endpoint.contentType.map { [("Content-Type", $0)] } ?? []
                let response = try Self.api.call(endpoint.method, endpoint.path, headers: headers, body: endpoint.body)
                expectError(response, 404, "NOT_FOUND")
            }
        }
        #expect(try Self.api.call("GET", "/v1/environments/\(Self.server.b)/keys/\(key)").status == 200)
    }
}
