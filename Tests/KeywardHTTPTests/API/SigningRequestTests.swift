import Foundation
import KeywardCore
import KeywardTestSupport
import Testing

@testable import KeywardHTTP

/// `/v1/environments/{envID}/keys/{keyID}/csr` (C1, C2): the key's PKCS#10 request as DER or
/// PEM, checked with `openssl req -verify`, and the import of an outside CA's answer (made with
/// `openssl x509 -req` from the fixtures' root CA) by PUT and by POST.
@Suite("Keys: certificate signing requests", .serialized)
struct SigningRequestTests {
    nonisolated(unsafe) static let server = sharedServer()
    nonisolated(unsafe) static let api = sharedClient(server)

    static let createBody = """
        {"name":"CSR key","subjectDN":"CN=CSR key, OU=Platform, O=Example Corp, L=Springfield, ST=Oregon, C=US",
         "algorithm":"EC","keyLength":256,"validityPeriod":365,"signatureAlgorithm":"SHA256withECDSA",
         "usageType":"SIGNING"}
        """

    static func createKey(_ server: APIServer, _ api: APIClient) throws -> String {
        let response = try api.json("POST", "/v1/environments/\(server.a)/keys", createBody)
        #expect(response.status == 201, "\(text(response))")
        return "/v1/environments/\(server.a)/keys/\(try object(response)["id"] as? String ?? "")"
    }

    /// The CA's answer to the key's CSR: a certificate signed by the fixtures' root CA for `days`.
    static func answer(for key: String, _ api: APIClient, days: Int = 30) throws -> [UInt8] {
        let scratch = try TemporaryDirectory()
        let csr = try api.call("GET", "\(key)/csr", headers: [("Accept", "application/x-pem-file")])
        try scratch.write("request.pem", csr.body)
        try openssl([
            "x509", "-req", "-in", scratch.path("request.pem"), "-CA", fixtureURL("certs/root-ca.pem").path,
            "-CAkey", fixtureURL("certs/root-ca.key").path, "-set_serial", "0x0123456789abcdef0123456789abcdef",
            "-days", "\(days)", "-sha256", "-out", scratch.path("answer.pem"),
        ])
        return try scratch.read("answer.pem")
    }

    @Test func derRequestVerifiesAndCarriesTheKeysSubject() throws {
        let key = try Self.createKey(Self.server, Self.api)
        let response = try Self.api.call("GET", "\(key)/csr", headers: [("Accept", "application/pkcs10")])
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "application/pkcs10")
        #expect(response.body.first == 0x30)
        let checked = try openssl(
            ["req", "-inform", "DER", "-verify", "-noout", "-subject", "-nameopt", "RFC2253"],
            input: Data(response.body)
        )
        #expect(checked.standardError.contains("verify OK") || checked.standardOutput.contains("verify OK"))
        #expect(
            checked.standardOutput.contains(
                "subject=CN=CSR key,OU=Platform,O=Example Corp,L=Springfield,ST=Oregon,C=US"
            ),
            "\(checked.standardOutput)"
        )
    }

    @Test func pemRequestIsTheSameRequest() throws {
        let key = try Self.createKey(Self.server, Self.api)
        let response = try Self.api.call("GET", "\(key)/csr", headers: [("Accept", "application/x-pem-file")])
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "application/x-pem-file")
        #expect(text(response).hasPrefix("-----BEGIN CERTIFICATE REQUEST-----"))
        let checked = try openssl(["req", "-verify", "-noout"], input: Data(response.body))
        #expect(checked.status == 0)
    }

    @Test func requestOfAnUnknownKeyIsNotFound() throws {
        let path = "/v1/environments/\(Self.server.a)/keys/\(UUID().uuidString.lowercased())/csr"
        expectError(
            try Self.api.call("GET", path, headers: [("Accept", "application/pkcs10, application/json")]),
            404,
            "NOT_FOUND"
        )
    }

    @Test func requestWithAnUnsupportedAcceptIs406() throws {
        let key = try Self.createKey(Self.server, Self.api)
        expectError(try Self.api.call("GET", "\(key)/csr", headers: [("Accept", "text/html")]), 406, "INVALID_REQUEST")
    }

    @Test(arguments: ["PUT", "POST"])
    func importedAnswerReplacesIssuerSerialAndDatesAndKeepsTheID(_ method: String) throws {
        let key = try Self.createKey(Self.server, Self.api)
        let before = try Self.api.getObject(key)
        let keysBefore = try Self.server.count("keys")
        let response = try Self.api.multipart(method, "\(key)/csr", file: try Self.answer(for: key, Self.api))
        #expect(response.status == 200, "\(text(response))")
        #expect(try Self.server.count("keys") == keysBefore)
        let after = try object(response)
        #expect(after["id"] as? String == before["id"] as? String)
        #expect(after["name"] as? String == before["name"] as? String)
        #expect((after["issuerDN"] as? String)?.contains("CN=Example Root CA") == true, "\(after)")
        #expect(text(response).contains("\"serialNumber\":\(UInt128(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef))"))
        #expect(after["expiresAt"] as? String != before["expiresAt"] as? String)
        #expect(after["validityPeriod"] as? Int == 30)
        #expect(after["subjectDN"] as? String == before["subjectDN"] as? String)
        #expect(try Self.api.getObject(key)["issuerDN"] as? String == after["issuerDN"] as? String)
        let pem = try Self.api.call("GET", key, headers: [("Accept", "application/x-x509-ca-cert")])
        let issuer = try openssl(["x509", "-noout", "-issuer"], input: Data(pem.body))
        #expect(issuer.standardOutput.contains("Example Root CA"))
    }

    /// Refuses `file` for `key`, naming `file`, and checks that the key is as it was.
    func expectRefused(_ file: [UInt8], key: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = text(try Self.api.call("GET", key))
        let response = try Self.api.multipart("POST", "\(key)/csr", file: file)
        expectInvalidData(response, "INVALID_VALUE", target: "file", sourceLocation: sourceLocation)
        #expect(text(try Self.api.call("GET", key)) == before, sourceLocation: sourceLocation)
    }

    @Test func certificateForAnotherKeyIsRefused() throws {
        let key = try Self.createKey(Self.server, Self.api)
        try expectRefused(try fixture("certs/leaf.pem"), key: key)
        let other = try Self.createKey(Self.server, Self.api)
        try expectRefused(try Self.answer(for: other, Self.api), key: key)
    }

    @Test(arguments: ["broken/random-4k.bin", "broken/leaf-truncated.pem", "broken/leaf-garbage-base64.pem"])
    func garbageIsRefused(_ name: String) throws {
        let key = try Self.createKey(Self.server, Self.api)
        try expectRefused(try fixture(name), key: key)
    }

    @Test func privateKeyInTheUploadIsRefused() throws {
        let key = try Self.createKey(Self.server, Self.api)
        let answer = try Self.answer(for: key, Self.api)
        try expectRefused(try fixture("pem/p256-pkcs8.pem") + answer, key: key)
    }

    @Test func missingFileIsRequired() throws {
        let key = try Self.createKey(Self.server, Self.api)
        let response = try Self.api.multipart("PUT", "\(key)/csr", file: nil, fields: [("usageType", "SIGNING")])
        expectInvalidData(response, "REQUIRED_VALUE", target: "file")
    }

    @Test func expiredAnswerIsRefused() throws {
        let clock = ManualClock(Date())
        let server = try APIServer(clock: clock)
        let api = try APIClient(server)
        let key = try Self.createKey(server, api)
        let answer = try Self.answer(for: key, api, days: 1)
        clock.advance(by: 3 * 86400)
        let later = try APIClient(server)
        let before = text(try later.call("GET", key))
        let response = try later.multipart("POST", "\(key)/csr", file: answer)
        expectInvalidData(response, "INVALID_VALUE", target: "file")
        #expect(text(try later.call("GET", key)) == before)
    }
}
