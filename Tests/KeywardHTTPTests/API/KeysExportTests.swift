import Foundation
import KeywardCore
import KeywardTestSupport
import Testing

@testable import KeywardHTTP

/// `GET /v1/environments/{envID}/keys/{keyID}` with `Accept` (K4): JSON, PEM, DER or PKCS#7 with
/// the chain, each with exactly the requested `Content-Type`, checked with `openssl`.
@Suite("Keys: export", .serialized)
struct KeysExportTests {
    nonisolated(unsafe) static let server = sharedServer()
    nonisolated(unsafe) static let api = sharedClient(server)

    /// The environment's default key (signed by the organization CA, with its chain).
    static let defaultKeyPath: String = {
        let keys = "/v1/environments/\(server.a)/keys"
        let list = (try? object(api.call("GET", keys))) ?? [:]
        let all = (list["_embedded"] as? [String: Any])?["keys"] as? [[String: Any]] ?? []
        let id = all.first { $0["default"] as? Bool == true }?["id"] as? String ?? "none"
        return "\(keys)/\(id)"
    }()

    func get(_ accept: String?, path: String = defaultKeyPath) throws -> RawHTTPResponse {
        try Self.api.call("GET", path, headers: accept.map { [("Accept", $0)] } ?? [])
    }

    @Test(arguments: [nil, "application/json", "*/*", "application/*"] as [String?])
    func jsonWhenAcceptIsAbsentOrGeneric(_ accept: String?) throws {
        let response = try get(accept)
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "application/json")
        let key = try object(response)
        #expect(key["default"] as? Bool == true)
        #expect(!containsNull(key))
    }

    @Test func pemHasExactlyTheRequestedTypeAndParses() throws {
        let response = try get("application/x-x509-ca-cert")
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "application/x-x509-ca-cert")
        let pem = text(response)
        #expect(pem.hasPrefix("-----BEGIN CERTIFICATE-----"))
        #expect(pem.hasSuffix("-----END CERTIFICATE-----\n"))
        let parsed = try openssl(["x509", "-noout", "-subject"], input: Data(response.body))
        #expect(parsed.standardOutput.contains("Default"), "\(parsed.standardOutput)")
    }

    @Test func derHasExactlyTheRequestedTypeAndParses() throws {
        let response = try get("application/pkix-cert")
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "application/pkix-cert")
        #expect(response.body.first == 0x30)
        let pem = try openssl(["x509", "-inform", "DER"], input: Data(response.body))
        #expect(pem.standardOutput == text(try get("application/x-x509-ca-cert")))
    }

    @Test func pkcs7CarriesTheChainThatVerifiesUpToTheInstallationRoot() throws {
        let response = try get("application/x-pkcs7-certificates")
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "application/x-pkcs7-certificates")
        let printed = try openssl(["pkcs7", "-inform", "DER", "-print_certs"], input: Data(response.body))
        let certificates = printed.standardOutput.components(separatedBy: "-----BEGIN CERTIFICATE-----").count - 1
        #expect(certificates >= 2, "\(printed.standardOutput)")

        let scratch = try TemporaryDirectory()
        try scratch.write("chain.pem", Array(printed.standardOutput.utf8))
        try scratch.write("leaf.pem", try get("application/x-x509-ca-cert").body)
        let root = try Self.server.store.read { try $0.installationRoot() }
        try scratch.write("root.der", root?.certificateDER ?? [])
        try openssl(["x509", "-inform", "DER", "-in", scratch.path("root.der"), "-out", scratch.path("root.pem")])
        let verified = try openssl([
            "verify", "-CAfile", scratch.path("root.pem"), "-untrusted", scratch.path("chain.pem"),
            scratch.path("leaf.pem"),
        ])
        #expect(verified.status == 0 && verified.standardOutput.contains("OK"), "\(verified.standardError)")
    }

    @Test func preferredTypeOfAListIsChosen() throws {
        let response = try get("application/x-x509-ca-cert, application/json")
        #expect(response.headers["Content-Type"] == "application/x-x509-ca-cert")
        let weighted = try get("application/json;q=0.5, application/pkix-cert")
        #expect(weighted.headers["Content-Type"] == "application/pkix-cert")
    }

    @Test func unknownKeyWithABinaryAndJSONAcceptIsAJSON404() throws {
        let path = "/v1/environments/\(Self.server.a)/keys/\(UUID().uuidString.lowercased())"
        expectError(try get("application/x-x509-ca-cert, application/json", path: path), 404, "NOT_FOUND")
        expectError(try get("application/x-pkcs7-certificates", path: path), 404, "NOT_FOUND")
    }

    @Test(arguments: ["text/html", "image/png, text/plain", "application/pkcs10"])
    func onlyUnsupportedTypesIs406(_ accept: String) throws {
        expectError(try get(accept), 406, "INVALID_REQUEST", target: "Accept")
    }
}
