import Foundation
import KeywardCore
import Testing

@testable import KeywardHTTP

/// `PUT /v1/environments/{envID}/keys/{keyID}` (K5): a client may GET a key and PUT the whole
/// object back; only `default`, `usageType` and `issuerDN` may change, and an EXPIRED key not at all.
@Suite("Keys: update", .serialized)
struct KeysUpdateTests {
    nonisolated(unsafe) static let server = sharedServer()
    nonisolated(unsafe) static let api = sharedClient(server)

    static let createBody = """
        {"name":"Update me","subjectDN":"CN=Update me, OU=Platform, O=Example Corp, L=, ST=, C=US",
         "algorithm":"EC","keyLength":256,"validityPeriod":30,"signatureAlgorithm":"SHA256withECDSA",
         "usageType":"SIGNING","serialNumber":123456789012345678901234567890}
        """

    /// Environment B, so that the default SIGNING key of A, which signs the tokens, stays.
    var keys: String { "/v1/environments/\(Self.server.b)/keys" }

    func createKey(_ api: APIClient = Self.api) throws -> String {
        let response = try api.json("POST", keys, Self.createBody)
        #expect(response.status == 201, "\(text(response))")
        return try object(response)["id"] as? String ?? ""
    }

    /// The key's JSON text as GET returns it, and as an object.
    func read(_ id: String, _ api: APIClient = Self.api) throws -> (String, [String: Any]) {
        let response = try api.call("GET", "\(keys)/\(id)")
        #expect(response.status == 200, "\(text(response))")
        return (text(response), try object(response))
    }

    /// PUTs the key's own JSON with `change` applied, as a whole-object client would.
    func putBack(_ id: String, _ api: APIClient = Self.api, _ change: (inout [String: Any]) -> Void) throws
        -> RawHTTPResponse
    {
        var body = try read(id, api).1
        change(&body)
        // serialNumber must travel as the bare number it is, not through Double.
        let serial = (try read(id, api).0.firstMatch(of: /"serialNumber":([0-9]+)/)?.1).map(String.init) ?? "0"
        body["serialNumber"] = "SERIAL"
        let json = try jsonText(body).replacing("\"SERIAL\"", with: serial)
        return try api.json("PUT", "\(keys)/\(id)", json)
    }

    @Test func wholeObjectWithDefaultChangedIsAccepted() throws {
        let id = try createKey()
        let response = try putBack(id) { $0["default"] = true }
        #expect(response.status == 200, "\(text(response))")
        let key = try object(response)
        #expect(key["default"] as? Bool == true)
        #expect(text(response).contains("\"serialNumber\":123456789012345678901234567890"))
        #expect(!containsNull(key))
        // The previous default SIGNING key of the environment is default no more.
        let list = try object(try Self.api.call("GET", keys))
        let all = (list["_embedded"] as? [String: Any])?["keys"] as? [[String: Any]] ?? []
        let defaults = all.filter { $0["default"] as? Bool == true && $0["usageType"] as? String == "SIGNING" }
        #expect(defaults.map { $0["id"] as? String } == [id])
    }

    @Test func usageTypeAndIssuerDNMayChange() throws {
        let id = try createKey()
        let response = try putBack(id) {
            $0["usageType"] = "ENCRYPTION"
            $0["issuerDN"] = "CN=My CA, O=Example Corp, C=US"
        }
        #expect(response.status == 200, "\(text(response))")
        let key = try object(response)
        #expect(key["usageType"] as? String == "ENCRYPTION")
        #expect((key["issuerDN"] as? String)?.contains("CN=My CA") == true)
    }

    @Test func pingOnesMinimalBodyIsAccepted() throws {
        let id = try createKey()
        let response = try Self.api.json("PUT", "\(keys)/\(id)", #"{"default": false, "usageType": "SIGNING"}"#)
        #expect(response.status == 200, "\(text(response))")
    }

    /// Each immutable member with another value, as JSON text.
    @Test(arguments: [
        ("name", #""Renamed""#), ("keyLength", "384"), ("algorithm", #""RSA""#),
        ("signatureAlgorithm", #""SHA384withECDSA""#),
        ("subjectDN", #""CN=Other, OU=Platform, O=Example Corp, L=, ST=, C=US""#),
        ("validityPeriod", "31"), ("id", #""00000000-0000-4000-8000-000000000000""#),
    ])
    func changingAnImmutableMemberIsRefusedByName(_ member: String, _ value: String) throws {
        let id = try createKey()
        let before = try read(id).0
        let changed = try JSONSerialization.jsonObject(with: Data(value.utf8), options: [.fragmentsAllowed])
        let response = try putBack(id) { $0[member] = changed }
        expectInvalidData(response, "INVALID_VALUE", target: member)
        #expect(try read(id).0 == before)
    }

    @Test func changingTheSerialNumberIsRefusedByName() throws {
        let id = try createKey()
        let before = try read(id).0
        var body = try read(id).1
        body["serialNumber"] = "SERIAL"
        let json = try jsonText(body).replacing("\"SERIAL\"", with: "42")
        expectInvalidData(try Self.api.json("PUT", "\(keys)/\(id)", json), "INVALID_VALUE", target: "serialNumber")
        #expect(try read(id).0 == before)
    }

    @Test func changingTheEnvironmentIsRefusedByName() throws {
        let id = try createKey()
        let response = try putBack(id) { $0["environment"] = ["id": Self.server.a] }
        expectInvalidData(response, "INVALID_VALUE", target: "environment.id")
    }

    @Test func unknownUsageTypeIsRefused() throws {
        let id = try createKey()
        let before = try read(id).0
        expectInvalidData(try putBack(id) { $0["usageType"] = "TLS" }, "INVALID_VALUE", target: "usageType")
        #expect(try read(id).0 == before)
    }

    @Test func badIssuerDNIsRefused() throws {
        let id = try createKey()
        expectInvalidData(try putBack(id) { $0["issuerDN"] = "not a DN" }, "INVALID_VALUE", target: "issuerDN")
    }

    @Test func wrongTypeIsRefusedByName() throws {
        let id = try createKey()
        let response = try Self.api.json("PUT", "\(keys)/\(id)", #"{"default": "yes", "usageType": "SIGNING"}"#)
        expectInvalidData(response, "INVALID_VALUE", target: "default")
    }

    @Test func unknownKeyIsNotFound() throws {
        let response = try Self.api.json(
            "PUT",
            "\(keys)/\(UUID().uuidString.lowercased())",
            #"{"default": false, "usageType": "SIGNING"}"#
        )
        expectError(response, 404, "NOT_FOUND")
    }

    @Test func expiredKeyCannotBeUpdated() throws {
        let clock = ManualClock(Date())
        let server = try APIServer(clock: clock)
        let api = try APIClient(server)
        let path = "/v1/environments/\(server.b)/keys"
        let created = try api.json(
            "POST",
            path,
            Self.createBody.replacing("\"validityPeriod\":30", with: "\"validityPeriod\":1")
        )
        let id = try object(created)["id"] as? String ?? ""
        clock.advance(by: 2 * 86400)
        let later = try APIClient(server)
        let before = try later.call("GET", "\(path)/\(id)")
        #expect(try object(before)["status"] as? String == "EXPIRED")
        let response = try later.json("PUT", "\(path)/\(id)", #"{"default": false, "usageType": "ENCRYPTION"}"#)
        expectInvalidData(response, "INVALID_VALUE", target: "status")
        #expect(text(try later.call("GET", "\(path)/\(id)")) == text(before))
    }
}
