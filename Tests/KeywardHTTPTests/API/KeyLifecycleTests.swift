import Foundation
import KeywardCore
import Testing

@testable import KeywardHTTP

@Suite("Keys API over a loopback server")
struct KeyLifecycleTests {
    static let createBody = """
        {"name":"Partner signing key","subjectDN":"CN=Partner signing key, OU=Platform, O=Example Corp, L=, ST=, C=US",
         "algorithm":"EC","keyLength":256,"validityPeriod":365,"signatureAlgorithm":"SHA256withECDSA",
         "usageType":"SIGNING","serialNumber":123456789012345678901234567890}
        """

    @Test func createReadExportAndDeleteAKey() throws {
        let server = try APIServer()
        let api = try APIClient(server)
        let environment = server.environmentA.id.uuidString.lowercased()
        let created = try api.json("POST", "/v1/environments/\(environment)/keys", Self.createBody)
        #expect(created.status == 201, "\(String(decoding: created.body, as: UTF8.self))")
        let text = String(decoding: created.body, as: UTF8.self)
        #expect(text.contains("\"serialNumber\":123456789012345678901234567890"))
        let key = try decodeJSON(KeyJSON.self, from: created.body)
        #expect(key.status == "VALID")
        #expect(key.environment.id == environment)

        let pem = try api.call(
            "GET",
            "/v1/environments/\(environment)/keys/\(key.id)",
            headers: [("Accept", "application/x-x509-ca-cert, application/json")]
        )
        #expect(pem.status == 200)
        #expect(pem.headers["Content-Type"] == "application/x-x509-ca-cert")
        #expect(String(decoding: pem.body, as: UTF8.self).hasPrefix("-----BEGIN CERTIFICATE-----"))

        let list = try api.call("GET", "/v1/environments/\(environment)/keys")
        #expect(list.status == 200)
        let deleted = try api.call("DELETE", "/v1/environments/\(environment)/keys/\(key.id)")
        #expect(deleted.status == 204)
        let gone = try api.call("GET", "/v1/environments/\(environment)/keys/\(key.id)")
        #expect(gone.status == 404)
    }

    @Test func anotherOrganizationsEnvironmentIsNotFound() throws {
        let server = try APIServer()
        let api = try APIClient(server, other: true)
        let response = try api.call("GET", "/v1/environments/\(server.environmentA.id.uuidString.lowercased())/keys")
        #expect(response.status == 404)
    }

    @Test func aRequestWithoutATokenIs401() throws {
        let server = try APIServer()
        let response = try server.client().request(
            "GET",
            "/v1/environments/\(server.environmentA.id.uuidString.lowercased())/keys"
        )
        #expect(response.status == 401)
        #expect(response.headers["WWW-Authenticate"]?.hasPrefix("Bearer") == true)
    }
}

/// The members of a key body that tests read.
struct KeyJSON: Decodable {
    let id: String
    let name: String?
    let status: String
    let usageType: String
    let issuerDN: String
    let subjectDN: String
    let environment: Reference
    let organization: Reference

    struct Reference: Decodable {
        let id: String
    }
}
