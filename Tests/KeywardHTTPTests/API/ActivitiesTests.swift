import Foundation
import KeywardCore
import KeywardTestSupport
import Testing

@testable import KeywardHTTP

/// The audit log over the API: every change, export, token and failed client authentication
/// writes one PingOne activity with its actor, resource and request id; the activities query
/// (filters, paging, JSON lines) reads them back, per environment.
@Suite("Activities", .serialized)
struct ActivitiesTests {
    nonisolated(unsafe) static let server = sharedServer()
    nonisolated(unsafe) static let api = sharedClient(server)

    static let since = "recordedAt gt \"2000-01-01T00:00:00.000Z\""
    var activities: String { "/v1/environments/\(Self.server.a)/activities" }
    var keys: String { "/v1/environments/\(Self.server.a)/keys" }

    /// The activities of environment A matching `criterion` (beside a wide time range).
    func events(_ criterion: String? = nil, environment: String? = nil) throws -> [[String: Any]] {
        let filter = [Self.since, criterion].compactMap { $0 }.joined(separator: " and ")
        let path = "/v1/environments/\(environment ?? Self.server.a)/activities"
        let response = try Self.api.call("GET", "\(path)?limit=1000&filter=\(QueryEncoding.escape(filter))")
        #expect(response.status == 200, "\(text(response))")
        return try Self.embedded(response)
    }

    static func embedded(_ response: RawHTTPResponse) throws -> [[String: Any]] {
        (try object(response)["_embedded"] as? [String: Any])?["activities"] as? [[String: Any]] ?? []
    }

    /// The one event written by the request that got `response`.
    func written(by response: RawHTTPResponse, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> [String: Any]
    {
        let requestID = response.headers["X-Request-Id"] ?? "none"
        let found = try events("correlationId eq \"\(requestID)\"")
        #expect(found.count == 1, "\(found)", sourceLocation: sourceLocation)
        return found.first ?? [:]
    }

    func createKey(_ name: String = "Audited key") throws -> (id: String, response: RawHTTPResponse) {
        let body = """
            {"name":"\(name)","subjectDN":"CN=\(name), OU=Platform, O=Example Corp, L=Springfield, ST=Oregon, C=US","algorithm":"EC","keyLength":256,
             "validityPeriod":365,"signatureAlgorithm":"SHA256withECDSA","usageType":"SIGNING"}
            """
        let response = try Self.api.json("POST", keys, body)
        #expect(response.status == 201, "\(text(response))")
        return (try object(response)["id"] as? String ?? "", response)
    }

    static func type(_ event: [String: Any]) -> String? { (event["action"] as? [String: Any])?["type"] as? String }
    static func resource(_ event: [String: Any]) -> [String: Any] {
        (event["resources"] as? [[String: Any]])?.first ?? [:]
    }
    static func client(_ event: [String: Any]) -> [String: Any]? {
        (event["actors"] as? [String: Any])?["client"] as? [String: Any]
    }
    static func status(_ event: [String: Any]) -> String? { (event["result"] as? [String: Any])?["status"] as? String }

    @Test func creatingAKeyWritesKeyCreatedWithActorResourceRequestIDAndAddress() throws {
        let (id, response) = try createKey("Partner signing key")
        let event = try written(by: response)
        #expect(Self.type(event) == "KEY.CREATED")
        #expect((event["action"] as? [String: Any])?["description"] as? String == "Key Created")
        #expect(event["correlationId"] as? String == response.headers["X-Request-Id"])
        let client = Self.client(event)
        #expect(client?["id"] as? String == Self.server.clientID)
        #expect(client?["name"] as? String == "admin")
        #expect(client?["type"] as? String == "CLIENT")
        #expect((client?["environment"] as? [String: Any])?["id"] as? String == Self.server.a)
        let resource = Self.resource(event)
        #expect(resource["type"] as? String == "KEY")
        #expect(resource["id"] as? String == id)
        #expect(resource["name"] as? String == "Partner signing key")
        #expect((resource["environment"] as? [String: Any])?["id"] as? String == Self.server.a)
        #expect(Self.status(event) == "SUCCESS")
        #expect((event["result"] as? [String: Any])?["description"] as? String == "Created Key Partner signing key")
        #expect((event["source"] as? [String: Any])?["ipAddress"] as? String == "127.0.0.1")
        #expect((event["environment"] as? [String: Any])?["id"] as? String == Self.server.a)
        #expect(
            (event["organization"] as? [String: Any])?["id"] as? String
                == Self.server.organization.id.uuidString.lowercased()
        )
        #expect(event["recordedAt"] as? String != nil && event["createdAt"] as? String != nil)
        #expect(!containsNull(event))
    }

    @Test func whoExportedOrUsedAKeyAndWhenIsOneQueryOnItsID() throws {
        let (id, _) = try createKey("Lifecycle key")
        let path = "\(keys)/\(id)"
        let update = try Self.api.json("PUT", path, #"{"usageType":"ENCRYPTION"}"#)
        #expect(update.status == 200, "\(text(update))")
        #expect(Self.type(try written(by: update)) == "KEY.UPDATED")
        let pem = try Self.api.call("GET", path, headers: [("Accept", "application/x-x509-ca-cert")])
        #expect(pem.status == 200)
        #expect(Self.type(try written(by: pem)) == "KEY.EXPORTED")
        let pkcs7 = try Self.api.call("GET", path, headers: [("Accept", "application/x-pkcs7-certificates")])
        #expect(Self.type(try written(by: pkcs7)) == "KEY.EXPORTED")
        let csr = try Self.api.call("GET", "\(path)/csr", headers: [("Accept", "application/x-pem-file")])
        #expect(csr.status == 200)
        #expect(Self.type(try written(by: csr)) == "CSR.EXPORTED")
        let json = try Self.api.call("GET", path)
        #expect(try events("correlationId eq \"\(json.headers["X-Request-Id"] ?? "")\"").isEmpty)
        let delete = try Self.api.call("DELETE", path)
        #expect(delete.status == 204)
        #expect(Self.type(try written(by: delete)) == "KEY.DELETED")
        let history = try events("resources.id eq \"\(id)\"")
        #expect(
            history.map(Self.type) == [
                "KEY.CREATED", "KEY.UPDATED", "KEY.EXPORTED", "KEY.EXPORTED", "CSR.EXPORTED", "KEY.DELETED",
            ]
        )
        #expect(history.allSatisfy { Self.client($0)?["id"] as? String == Self.server.clientID })
    }

    @Test func importsAndTheCAsAnswerToACSRAreRecorded() throws {
        var form = MultipartBody()
        form.addField("usageType", "SIGNING")
        form.addField("password", "secret")
        form.addFile(
            "file",
            fileName: "k.p12",
            contentType: "application/octet-stream",
            data: try fixture("pkcs12/rsa2048-chain-aes.p12")
        )
        let imported = try Self.api.call(
            "POST",
            keys,
            headers: [("Content-Type", form.contentType)],
            body: form.finished()
        )
        #expect(imported.status == 201, "\(text(imported))")
        let event = try written(by: imported)
        #expect(Self.type(event) == "KEY.CREATED")
        #expect(((event["result"] as? [String: Any])?["description"] as? String)?.hasPrefix("Imported Key") == true)
        let key = try SigningRequestTests.createKey(Self.server, Self.api)
        let answer = try SigningRequestTests.answer(for: key, Self.api)
        let response = try Self.api.multipart("POST", "\(key)/csr", file: answer)
        #expect(response.status == 200, "\(text(response))")
        #expect(Self.type(try written(by: response)) == "CSR_RESPONSE.IMPORTED")
    }

    @Test func certificateUploadExportAndDeletionAreRecorded() throws {
        let path = "/v1/environments/\(Self.server.a)/certificates"
        let upload = try Self.api.multipart(
            "POST",
            path,
            file: try fixture("certs/leaf.pem"),
            fields: [("usageType", "SIGNING")]
        )
        #expect(upload.status == 202, "\(text(upload))")
        let id = try object(upload)["id"] as? String ?? ""
        let created = try written(by: upload)
        #expect(Self.type(created) == "CERTIFICATE.CREATED")
        #expect(Self.resource(created)["type"] as? String == "CERTIFICATE")
        let export = try Self.api.call("GET", "\(path)/\(id)", headers: [("Accept", "application/pkix-cert")])
        #expect(export.status == 200)
        #expect(Self.type(try written(by: export)) == "CERTIFICATE.EXPORTED")
        let delete = try Self.api.call("DELETE", "\(path)/\(id)")
        #expect(delete.status == 204)
        #expect(Self.type(try written(by: delete)) == "CERTIFICATE.DELETED")
    }

    @Test func environmentChangesAreListedWhereTheActingApplicationLives() throws {
        let create = try Self.api.json("POST", "/v1/environments", #"{"name":"Audited environment"}"#)
        #expect(create.status == 201, "\(text(create))")
        let id = try object(create)["id"] as? String ?? ""
        let created = try events("correlationId eq \"\(create.headers["X-Request-Id"] ?? "")\"")
        #expect(created.map(Self.type) == ["ENVIRONMENT.CREATED"])
        #expect(Self.resource(created.first ?? [:])["id"] as? String == id)
        // The KEY.CREATED of the default key and of the rotation policy's current and next keys
        // are listed in the new environment, by the same request.
        let defaultKey = try events(
            "correlationId eq \"\(create.headers["X-Request-Id"] ?? "")\"",
            environment: id
        )
        #expect(defaultKey.map(Self.type) == ["KEY.CREATED", "KEY.CREATED", "KEY.CREATED"])
        #expect(Self.client(defaultKey.first ?? [:])?["id"] as? String == Self.server.clientID)
        let update = try Self.api.json("PUT", "/v1/environments/\(id)", #"{"name":"Audited environment 2"}"#)
        #expect(update.status == 200)
        #expect(Self.type(try written(by: update)) == "ENVIRONMENT.UPDATED")
        let delete = try Self.api.call("DELETE", "/v1/environments/\(id)")
        #expect(delete.status == 204)
        let deleted = try written(by: delete)
        #expect(Self.type(deleted) == "ENVIRONMENT.DELETED")
        #expect(Self.resource(deleted)["name"] as? String == "Audited environment 2")
    }

    @Test func issuingATokenIsRecordedAndAFailedClientAuthenticationIsAFailure() throws {
        _ = try Self.server.token()
        let issued = try events("action.type eq \"ACCESS_TOKEN.ISSUED\"")
        #expect(issued.count >= 2)
        #expect(issued.allSatisfy { Self.client($0)?["id"] as? String == Self.server.clientID })
        #expect(issued.allSatisfy { Self.resource($0)["type"] as? String == "APPLICATION" })
        let wrong = try tokenRequest(clientID: Self.server.clientID, secret: "wrong")
        #expect(wrong.status == 401)
        let failure = try written(by: wrong)
        #expect(Self.type(failure) == "CLIENT_AUTHENTICATION.FAILED")
        #expect(Self.status(failure) == "FAILURE")
        #expect(Self.client(failure)?["id"] as? String == Self.server.clientID)
        let unknown = try tokenRequest(clientID: UUID().uuidString, secret: "wrong")
        #expect(unknown.status == 401)
        let anonymous = try written(by: unknown)
        #expect(Self.status(anonymous) == "FAILURE")
        #expect(anonymous["actors"] == nil)
        #expect((anonymous["resources"] as? [Any])?.isEmpty == true)
    }

    func tokenRequest(clientID: String, secret: String) throws -> RawHTTPResponse {
        try Self.server.client().request(
            "POST",
            "/\(Self.server.a)/as/token",
            headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array("grant_type=client_credentials&client_id=\(clientID)&client_secret=\(secret)".utf8)
        )
    }

    @Test func applicationsSecretsAndRoleAssignmentsAreRecorded() throws {
        let applications = "/v1/environments/\(Self.server.a)/applications"
        let created = try Self.api.json(
            "POST",
            applications,
            #"{"name":"audited worker","enabled":true,"type":"WORKER","protocol":"OPENID_CONNECT","#
                + #""grantTypes":["CLIENT_CREDENTIALS"],"tokenEndpointAuthMethod":"CLIENT_SECRET_BASIC"}"#
        )
        #expect(created.status == 201, "\(text(created))")
        #expect(Self.type(try written(by: created)) == "APPLICATION.CREATED")
        let id = try object(created)["id"] as? String ?? ""
        let rotated = try Self.api.json("POST", "\(applications)/\(id)/secret", "{}")
        let rotation = try written(by: rotated)
        #expect(Self.type(rotation) == "SECRET.UPDATED")
        let secret = try object(rotated)["secret"] as? String ?? "none"
        #expect(!String(describing: rotation).contains(secret))
        let assigned = try Self.api.json(
            "POST",
            "\(applications)/\(id)/roleAssignments",
            #"{"role":{"id":"\#(BuiltInRoles.configurationReadOnlyID.lowercaseString)"},"#
                + #""scope":{"id":"\#(Self.server.a)","type":"ENVIRONMENT"}}"#
        )
        #expect(assigned.status == 201, "\(text(assigned))")
        let grant = try written(by: assigned)
        #expect(Self.type(grant) == "ROLE_ASSIGNMENT.CREATED")
        #expect(Self.resource(grant)["id"] as? String == id)
        let assignment = try object(assigned)["id"] as? String ?? ""
        let removed = try Self.api.call("DELETE", "\(applications)/\(id)/roleAssignments/\(assignment)")
        #expect(removed.status == 204, "\(text(removed))")
        #expect(Self.type(try written(by: removed)) == "ROLE_ASSIGNMENT.DELETED")
        let deleted = try Self.api.call("DELETE", "\(applications)/\(id)")
        #expect(deleted.status == 204, "\(text(deleted))")
        #expect(Self.type(try written(by: deleted)) == "APPLICATION.DELETED")
    }

    @Test func refusedRequestsWriteNoEvent() throws {
        let invalid = try Self.api.json("POST", keys, #"{"name":"x","algorithm":"DSA"}"#)
        #expect(invalid.status == 400)
        let unknownKey = try Self.api.call("DELETE", "\(keys)/\(UUID().uuidString.lowercased())")
        #expect(unknownKey.status == 404)
        let noToken = try Self.server.client().request("POST", keys, headers: [("Content-Type", "application/json")])
        #expect(noToken.status == 401)
        for response in [invalid, unknownKey, noToken] {
            #expect(try events("correlationId eq \"\(response.headers["X-Request-Id"] ?? "")\"").isEmpty)
        }
    }

    @Test func eventsHoldNoSecretTokenOrPrivateKey() throws {
        let token = try Self.server.token()
        _ = try tokenRequest(clientID: Self.server.clientID, secret: Self.server.clientSecret + "x")
        let (id, _) = try createKey("Secret-free key")
        _ = try Self.api.call("GET", "\(keys)/\(id)/csr", headers: [("Accept", "application/x-pem-file")])
        let stored = try Self.server.store.read { reader in
            try reader.auditEvents(
                AuditQuery(environmentID: Self.server.environmentA.id, earliest: .distantPast, limit: 100_000)
            )
        }
        let lines = try Self.api.call(
            "GET",
            "\(activities)?filter=\(QueryEncoding.escape(Self.since))",
            headers: [("Accept", "application/x-ndjson")]
        )
        let texts = [
            String(describing: stored.events), text(lines),
            text(try Self.api.call("GET", "\(activities)?filter=\(QueryEncoding.escape(Self.since))&limit=1000")),
        ]
        for text in texts {
            #expect(!text.contains(Self.server.clientSecret))
            #expect(!text.contains(token))
            #expect(!text.contains(Self.api.token))
            #expect(!text.contains("PRIVATE KEY"))
            #expect(!text.contains("BEGIN CERTIFICATE"))
        }
        #expect(stored.events.count > 5)
    }

    @Test(
        arguments: [
            nil, "action.type eq \"KEY.CREATED\"", "recordedAt eq \"2026-01-01T00:00:00.000Z\"",
            "recordedAt gt \"yesterday\"", "recordedAt gt 2026-01-01", "status eq \"SUCCESS\"",
            "\(since) and action.type eq \"KEY.CREATED\" and resources.type eq \"KEY\"", "\(since) and",
            "\(since) or action.type eq \"KEY.CREATED\"", "\(since) and action.type in \"KEY.CREATED\"",
            "\(since) and resources.id gt \"x\"",
        ] as [String?]
    )
    func aFilterWithoutATimeRangeOrOutsideTheGrammarIsInvalid(_ filter: String?) throws {
        let query = filter.map { "?filter=\(QueryEncoding.escape($0))" } ?? ""
        expectError(try Self.api.call("GET", "\(activities)\(query)"), 400, "INVALID_DATA", detail: "INVALID_FILTER")
    }

    @Test func eachFilterSelectsItsEvents() throws {
        let (id, created) = try createKey("Filtered key")
        _ = try Self.api.call("GET", "\(keys)/\(id)", headers: [("Accept", "application/pkix-cert")])
        let byType = try events("action.type eq \"KEY.EXPORTED\"")
        #expect(!byType.isEmpty && byType.allSatisfy { Self.type($0) == "KEY.EXPORTED" })
        let byTypes = try events("action.type in [\"KEY.EXPORTED\", \"KEY.CREATED\"]")
        #expect(Set(byTypes.compactMap(Self.type)) == ["KEY.EXPORTED", "KEY.CREATED"])
        let parenthesised = try events("action.type IN (\"KEY.EXPORTED\",\"KEY.CREATED\")")
        #expect(parenthesised.count == byTypes.count)
        #expect(try events("resources.id eq \"\(id)\"").map(Self.type) == ["KEY.CREATED", "KEY.EXPORTED"])
        let applications = try events("resources.type eq \"APPLICATION\"")
        #expect(
            !applications.isEmpty && applications.allSatisfy { Self.resource($0)["type"] as? String == "APPLICATION" }
        )
        let byActor = try events("actors.client.id eq \"\(Self.server.clientID)\"")
        #expect(byActor.count > 2)
        #expect(try events("actors.client.id eq \"\(UUID().uuidString)\"").isEmpty)
        #expect(try events("correlationid eq \"\(created.headers["X-Request-Id"] ?? "")\"").count == 1)
        // Case-insensitive names and `AND`; an upper bound before everything selects nothing.
        let upper = "RECORDEDAT lt \"2001-01-01T00:00:00.000Z\""
        let response = try Self.api.call(
            "GET",
            "\(activities)?filter=\(QueryEncoding.escape("recordedat GE \"2000-01-01T00:00:00Z\" AND \(upper)"))"
        )
        #expect(response.status == 200, "\(text(response))")
        #expect(try Self.embedded(response).isEmpty)
        let future = try Self.api.call(
            "GET",
            "\(activities)?filter=\(QueryEncoding.escape("recordedAt gt \"2999-01-01T00:00:00.000+0000\""))"
        )
        #expect(try Self.embedded(future).isEmpty)
    }

    @Test func pagesFollowNextLinksUntilTheLastHasNone() throws {
        for index in 0..<3 { _ = try createKey("Paged key \(index)") }
        let all = try events("action.type eq \"KEY.CREATED\"").compactMap { $0["id"] as? String }
        #expect(all.count >= 5)
        let filter = QueryEncoding.escape("\(Self.since) and action.type eq \"KEY.CREATED\"")
        var next: String? = "\(activities)?limit=2&filter=\(filter)"
        var seen: [String] = []
        while let url = next {
            let path = url.replacingOccurrences(of: "http://127.0.0.1", with: "")
            let response = try Self.api.call("GET", path)
            #expect(response.status == 200, "\(text(response))")
            let page = try Self.embedded(response)
            #expect(page.count <= 2)
            seen += page.compactMap { $0["id"] as? String }
            let links = try object(response)["_links"] as? [String: Any]
            next = (links?["next"] as? [String: Any])?["href"] as? String
            #expect(next == nil || page.count == 2)
        }
        #expect(seen == all)
    }

    @Test func postTakesTheFilterInTheBodyAndAnswersAsGet() throws {
        let body = try jsonText(["filter": "\(Self.since) and action.type eq \"KEY.CREATED\"", "limit": 1000])
        let response = try Self.api.json("POST", activities, body)
        #expect(response.status == 200, "\(text(response))")
        let posted = try Self.embedded(response).compactMap { $0["id"] as? String }
        #expect(posted == (try events("action.type eq \"KEY.CREATED\"").compactMap { $0["id"] as? String }))
        #expect(!posted.isEmpty)
        let missing = try Self.api.json("POST", activities, #"{"limit":10}"#)
        expectError(missing, 400, "INVALID_DATA", detail: "INVALID_FILTER")
        expectInvalidData(
            try Self.api.json("POST", activities, try jsonText(["filter": Self.since, "limit": 1001])),
            "INVALID_VALUE",
            target: "limit"
        )
    }

    @Test func jsonLinesExportHasOneParseableEventPerLine() throws {
        let response = try Self.api.call(
            "GET",
            "\(activities)?filter=\(QueryEncoding.escape(Self.since))",
            headers: [("Accept", "application/x-ndjson")]
        )
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "application/x-ndjson")
        let lines = text(response).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "")
        let events = try lines.dropLast().map { line in
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
        }
        #expect(events.count == (try self.events()).count)
        #expect(events.allSatisfy { $0["id"] is String && Self.type($0) != nil })
    }

    @Test func oneActivityIsReadByIDAndAnotherEnvironmentsIsNotFound() throws {
        let (_, created) = try createKey("Read by id")
        let event = try written(by: created)
        let id = event["id"] as? String ?? ""
        let read = try Self.api.call("GET", "\(activities)/\(id)")
        #expect(read.status == 200)
        #expect(try object(read)["id"] as? String == id)
        let links = try object(read)["_links"] as? [String: Any]
        #expect(((links?["self"] as? [String: Any])?["href"] as? String)?.hasSuffix("/activities/\(id)") == true)
        expectError(try Self.api.call("GET", "/v1/environments/\(Self.server.b)/activities/\(id)"), 404, "NOT_FOUND")
        #expect(try events(environment: Self.server.b).allSatisfy { $0["id"] as? String != id })
        let other = try APIClient(Self.server, other: true)
        let filter = QueryEncoding.escape(Self.since)
        expectError(try other.call("GET", "\(activities)?filter=\(filter)"), 404, "NOT_FOUND")
        expectError(try other.call("GET", "\(activities)/\(id)"), 404, "NOT_FOUND")
        let own = try other.call("GET", "/v1/environments/\(Self.server.c)/activities?filter=\(filter)")
        #expect(own.status == 200)
        #expect(try Self.embedded(own).allSatisfy { $0["id"] as? String != id })
    }
}
