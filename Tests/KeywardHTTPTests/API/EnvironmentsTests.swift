import Foundation
import KeywardCore
import KeywardTestSupport
import Testing

@testable import KeywardHTTP

/// `/v1/environments[/{envID}]` (§5.4): the caller's organization only; names unique in it;
/// `region` immutable; deleting one takes its keys with it; the caller's own cannot be deleted.
@Suite("Environments", .serialized)
struct EnvironmentsTests {
    nonisolated(unsafe) static let server = sharedServer()
    nonisolated(unsafe) static let api = sharedClient(server)

    static let fullBody = """
        {"name":"Keyward-Staging","description":"Staging tenant","type":"SANDBOX","region":"NA",
         "license":{"id":"34f0efac-21d9-4a17-8a35-196bb3362983"},
         "billOfMaterials":{"products":[{"type":"PING_ONE_BASE","description":"Base"}]}}
        """

    func create(_ name: String, region: String = "NA") throws -> [String: Any] {
        let response = try Self.api.json("POST", "/v1/environments", #"{"name":"\#(name)","region":"\#(region)"}"#)
        #expect(response.status == 201, "\(text(response))")
        return try object(response)
    }

    func otherOrganizationEnvironments() throws -> Int {
        try Self.server.store.read { try $0.environments(organizationID: Self.server.otherOrganization.id).count }
    }

    @Test func createEchoesTheLicensingMembersAndMakesADefaultKey() throws {
        let before = try Self.server.rowCounts()
        let response = try Self.api.json("POST", "/v1/environments", Self.fullBody)
        #expect(response.status == 201, "\(text(response))")
        let environment = try object(response)
        let id = environment["id"] as? String ?? ""
        #expect(response.headers["Location"]?.hasSuffix("/v1/environments/\(id)") == true)
        #expect(environment["name"] as? String == "Keyward-Staging")
        #expect(environment["description"] as? String == "Staging tenant")
        #expect(environment["type"] as? String == "SANDBOX")
        #expect(environment["region"] as? String == "NA")
        #expect((environment["license"] as? [String: Any])?["id"] as? String == "34f0efac-21d9-4a17-8a35-196bb3362983")
        let products = (environment["billOfMaterials"] as? [String: Any])?["products"] as? [[String: Any]]
        #expect(products?.first?["type"] as? String == "PING_ONE_BASE")
        #expect(
            (environment["organization"] as? [String: Any])?["id"] as? String
                == Self.server.organization.id.uuidString.lowercased()
        )
        #expect(environment["status"] as? String == "ACTIVE")
        #expect(!containsNull(environment))
        #expect(try Self.server.count("environments") == before["environments"].map { $0 + 1 })
        // The default key, and the current and next keys of the default rotation policy.
        #expect(try Self.server.count("keys") == before["keys"].map { $0 + 3 })
        let read = try Self.api.getObject("/v1/environments/\(id)")
        #expect(read["billOfMaterials"] != nil)
        let keys = try Self.api.getObject("/v1/environments/\(id)/keys")
        let items = (keys["_embedded"] as? [String: Any])?["keys"] as? [[String: Any]] ?? []
        #expect(items.count == 3)
        #expect(items.filter { $0["default"] as? Bool == true }.count == 1)
        let policies = try Self.api.getObject("/v1/environments/\(id)/keyRotationPolicies")
        let policy = ((policies["_embedded"] as? [String: Any])?["keyRotationPolicies"] as? [[String: Any]])?.first
        let policyKeys = [policy?["currentKeyId"] as? String, policy?["nextKeyId"] as? String].compactMap { $0 }
        #expect(
            Set(policyKeys) == Set(items.filter { $0["default"] as? Bool == false }.compactMap { $0["id"] as? String })
        )
    }

    @Test func minimalBodyOmitsAbsentMembers() throws {
        let response = try Self.api.json("POST", "/v1/environments", #"{"name":"Minimal"}"#)
        #expect(response.status == 201, "\(text(response))")
        let environment = try object(response)
        #expect(environment["license"] == nil && environment["billOfMaterials"] == nil && environment["region"] == nil)
        #expect(!text(response).contains("null"))
    }

    @Test func duplicateNameIsAUniquenessViolation() throws {
        let response = try Self.server.expectUnchanged {
            try Self.api.json("POST", "/v1/environments", #"{"name":"Staging"}"#)
        }
        expectInvalidData(response, "UNIQUENESS_VIOLATION", target: "name")
    }

    @Test func nameOfAnotherOrganizationsEnvironmentIsFree() throws {
        _ = try create("Elsewhere")
    }

    @Test func missingNameIsRequired() throws {
        let response = try Self.server.expectUnchanged {
            try Self.api.json("POST", "/v1/environments", #"{"region":"EU"}"#)
        }
        expectInvalidData(response, "REQUIRED_VALUE", target: "name")
    }

    @Test func wrongTypesAreNamed() throws {
        let name = try Self.server.expectUnchanged { try Self.api.json("POST", "/v1/environments", #"{"name":7}"#) }
        expectInvalidData(name, "INVALID_VALUE", target: "name")
        let license = try Self.server.expectUnchanged {
            try Self.api.json("POST", "/v1/environments", #"{"name":"x","license":{"id":5}}"#)
        }
        expectInvalidData(license, "INVALID_VALUE", target: "license.id")
    }

    @Test func updateRenamesAndRefusesARegionChange() throws {
        let environment = try create("Rename me", region: "EU")
        let id = environment["id"] as? String ?? ""
        let renamed = try Self.api.json("PUT", "/v1/environments/\(id)", #"{"name":"Renamed","region":"EU"}"#)
        #expect(renamed.status == 200, "\(text(renamed))")
        #expect(try object(renamed)["name"] as? String == "Renamed")
        #expect(try Self.api.getObject("/v1/environments/\(id)")["name"] as? String == "Renamed")

        let moved = try Self.api.json("PUT", "/v1/environments/\(id)", #"{"name":"Renamed","region":"NA"}"#)
        expectInvalidData(moved, "INVALID_VALUE", target: "region")
        #expect(try Self.api.getObject("/v1/environments/\(id)")["region"] as? String == "EU")

        let taken = try Self.api.json("PUT", "/v1/environments/\(id)", #"{"name":"Production"}"#)
        expectInvalidData(taken, "UNIQUENESS_VIOLATION", target: "name")
        #expect(try Self.api.getObject("/v1/environments/\(id)")["name"] as? String == "Renamed")
    }

    @Test func deleteTakesTheKeysAndCertificatesWithIt() throws {
        let environment = try create("Doomed")
        let id = environment["id"] as? String ?? ""
        let key = try Self.api.json("POST", "/v1/environments/\(id)/keys", try jsonText(KeysCreateTests.valid))
        #expect(key.status == 201)
        let certificate = try Self.api.multipart(
            "POST",
            "/v1/environments/\(id)/certificates",
            file: try fixture("certs/leaf.pem"),
            fields: [("usageType", "SIGNING")]
        )
        #expect(certificate.status == 202)
        let before = try Self.server.rowCounts()
        #expect(try Self.api.call("DELETE", "/v1/environments/\(id)").status == 204)
        let after = try Self.server.rowCounts()
        #expect(after["environments"] == before["environments"].map { $0 - 1 })
        #expect(after["keys"] == before["keys"].map { $0 - 4 })
        #expect(after["certificates"] == before["certificates"].map { $0 - 1 })
        expectError(try Self.api.call("GET", "/v1/environments/\(id)"), 404, "NOT_FOUND")
        expectError(try Self.api.call("GET", "/v1/environments/\(id)/keys"), 404, "NOT_FOUND")
        expectError(try Self.api.call("DELETE", "/v1/environments/\(id)"), 404, "NOT_FOUND")
        let list = try Self.api.getObject("/v1/environments")
        let ids = ((list["_embedded"] as? [String: Any])?["environments"] as? [[String: Any]] ?? []).map {
            $0["id"] as? String
        }
        #expect(!ids.contains(id))
    }

    @Test func theCallersOwnEnvironmentCannotBeDeleted() throws {
        let response = try Self.server.expectUnchanged {
            try Self.api.call("DELETE", "/v1/environments/\(Self.server.a)")
        }
        expectError(response, 400, "INVALID_DATA", detail: "CONSTRAINT_VIOLATION")
        #expect(try Self.api.call("GET", "/v1/environments/\(Self.server.a)").status == 200)
    }

    @Test func listShowsOnlyTheCallersOrganization() throws {
        let list = try Self.api.getObject("/v1/environments")
        let items = (list["_embedded"] as? [String: Any])?["environments"] as? [[String: Any]] ?? []
        let ids = Set(items.compactMap { $0["id"] as? String })
        #expect(ids.contains(Self.server.a) && ids.contains(Self.server.b))
        #expect(!ids.contains(Self.server.c))
        let organization = Self.server.organization.id.uuidString.lowercased()
        #expect(items.allSatisfy { ($0["organization"] as? [String: Any])?["id"] as? String == organization })
        #expect(!containsNull(list))

        let other = try APIClient(Self.server, other: true)
        let theirs = try other.getObject("/v1/environments")
        let theirIDs = ((theirs["_embedded"] as? [String: Any])?["environments"] as? [[String: Any]] ?? [])
            .compactMap { $0["id"] as? String }
        #expect(theirIDs == [Self.server.c])
    }

    @Test func anotherOrganizationsEnvironmentIsNotFoundAndUntouched() throws {
        let before = try otherOrganizationEnvironments()
        expectError(try Self.api.call("GET", "/v1/environments/\(Self.server.c)"), 404, "NOT_FOUND")
        expectError(
            try Self.api.json("PUT", "/v1/environments/\(Self.server.c)", #"{"name":"Mine"}"#),
            404,
            "NOT_FOUND"
        )
        expectError(try Self.api.call("DELETE", "/v1/environments/\(Self.server.c)"), 404, "NOT_FOUND")
        #expect(try otherOrganizationEnvironments() == before)
        let other = try APIClient(Self.server, other: true)
        #expect(try other.getObject("/v1/environments/\(Self.server.c)")["name"] as? String == "Elsewhere")
    }

    @Test func filteringTheListIsAnInvalidFilter() throws {
        let response = try Self.api.call("GET", "/v1/environments?filter=name%20sw%20%22S%22")
        expectInvalidData(response, "INVALID_FILTER", target: "filter")
    }

    @Test func organizationsShowOnlyTheCallers() throws {
        let list = try Self.api.getObject("/v1/organizations")
        let items = (list["_embedded"] as? [String: Any])?["organizations"] as? [[String: Any]] ?? []
        #expect(items.map { $0["id"] as? String } == [Self.server.organization.id.uuidString.lowercased()])
        let other = Self.server.otherOrganization.id.uuidString.lowercased()
        expectError(try Self.api.call("GET", "/v1/organizations/\(other)"), 404, "NOT_FOUND")
    }
}
