import Foundation
import KeywardCore
import KeywardTestSupport
import Testing

@testable import KeywardHTTP

/// `POST /v1/environments/{envID}/keys` with a PKCS#12 file (K3): multipart (`file`,
/// `usageType`, `password`) and raw `application/x-pkcs12-certificates` (`?usageType=`,
/// `X-PKCS12-Password`). Every refusal names its field and stores nothing.
@Suite("Keys: import PKCS#12", .serialized)
struct KeysImportTests {
    nonisolated(unsafe) static let server = sharedServer()
    nonisolated(unsafe) static let api = sharedClient(server)

    var path: String { "/v1/environments/\(Self.server.a)/keys" }

    func upload(_ file: [UInt8]?, usageType: String? = "SIGNING", password: String? = "secret") throws
        -> RawHTTPResponse
    {
        var fields: [(String, String)] = []
        if let usageType { fields.append(("usageType", usageType)) }
        if let password { fields.append(("password", password)) }
        return try Self.api.multipart("POST", path, file: file, fileName: "key.p12", fields: fields)
    }

    func raw(_ file: [UInt8], usageType: String? = "SIGNING", password: String? = "secret") throws
        -> RawHTTPResponse
    {
        var headers = [("Content-Type", "application/x-pkcs12-certificates")]
        if let password { headers.append(("X-PKCS12-Password", password)) }
        let query = usageType.map { "?usageType=\($0)" } ?? ""
        return try Self.api.call("POST", path + query, headers: headers, body: file)
    }

    /// A PKCS#12 made now from a fixture certificate and the key that signed it.
    static func pkcs12(certificate: String, key: String) throws -> [UInt8] {
        let scratch = try TemporaryDirectory()
        try openssl([
            "pkcs12", "-export", "-inkey", fixtureURL(key).path, "-in", fixtureURL(certificate).path,
            "-passout", "pass:secret", "-out", scratch.path("made.p12"),
        ])
        return try scratch.read("made.p12")
    }

    @Test func encryptedFileWithItsPasswordIsImportedWithItsChain() throws {
        let before = try Self.server.count("keys")
        let response = try upload(try fixture("pkcs12/rsa2048-chain-aes.p12"))
        #expect(response.status == 201, "\(text(response))")
        #expect(try Self.server.count("keys") == before + 1)
        let key = try object(response)
        #expect(key["name"] as? String == "leaf.example.com")
        #expect(key["algorithm"] as? String == "RSA")
        #expect(key["keyLength"] as? Int == 2048)
        #expect(key["usageType"] as? String == "SIGNING")
        #expect(key["status"] as? String == "VALID")
        #expect((key["subjectDN"] as? String)?.contains("CN=leaf.example.com") == true)
        #expect((key["issuerDN"] as? String)?.contains("Example Intermediate CA") == true)
        #expect((key["trustChain"] as? [String])?.count == 2)
        #expect(!containsNull(key))
        #expect(response.headers["Location"] != nil)
    }

    @Test func fileWrittenByCryptographyImports() throws {
        let response = try upload(try fixture("pkcs12/rsa2048-chain-cryptography.p12"), usageType: "ENCRYPTION")
        #expect(response.status == 201, "\(text(response))")
        #expect(try object(response)["usageType"] as? String == "ENCRYPTION")
    }

    /// OpenSSL 3 without the legacy provider cannot open RC2: the refusal says to re-export.
    @Test func legacyRC2FileIsRefusedNamingFile() throws {
        let response = try Self.server.expectUnchanged { try upload(try fixture("pkcs12/rsa2048-chain-legacy.p12")) }
        expectError(response, 400, "INVALID_DATA", detail: "INVALID_VALUE", target: "file", messageContains: "legacy")
    }

    @Test func ecFileImports() throws {
        let response = try upload(try fixture("pkcs12/p256-chain.p12"), usageType: "SSL_TLS")
        #expect(response.status == 201, "\(text(response))")
        let key = try object(response)
        #expect(key["algorithm"] as? String == "EC")
        #expect(key["keyLength"] as? Int == 256)
        #expect(key["usageType"] as? String == "SSL/TLS")
    }

    @Test func unencryptedFileNeedsNoPassword() throws {
        let response = try upload(try fixture("pkcs12/rsa2048-chain-no-password.p12"), password: nil)
        #expect(response.status == 201, "\(text(response))")
    }

    @Test func emptyPasswordFileOpensWithTheEmptyPassword() throws {
        let response = try upload(try fixture("pkcs12/rsa2048-chain-empty-password.p12"), password: "")
        #expect(response.status == 201, "\(text(response))")
    }

    @Test func rawBodyWithQueryAndHeaderIsImported() throws {
        let before = try Self.server.count("keys")
        let response = try raw(try fixture("pkcs12/rsa2048-chain-aes.p12"), usageType: "ENCRYPTION")
        #expect(response.status == 201, "\(text(response))")
        #expect(try object(response)["usageType"] as? String == "ENCRYPTION")
        #expect(try Self.server.count("keys") == before + 1)
    }

    @Test func wrongPasswordNamesPassword() throws {
        let file = try fixture("pkcs12/rsa2048-chain-aes.p12")
        expectInvalidData(
            try Self.server.expectUnchanged { try upload(file, password: "wrong") },
            "INVALID_VALUE",
            target: "password"
        )
        expectInvalidData(
            try Self.server.expectUnchanged { try raw(file, password: "wrong") },
            "INVALID_VALUE",
            target: "password"
        )
    }

    @Test func missingPasswordForAnEncryptedFileNamesPassword() throws {
        let file = try fixture("pkcs12/rsa2048-chain-aes.p12")
        let multipart = try Self.server.expectUnchanged { try upload(file, password: nil) }
        expectError(multipart, 400, "INVALID_DATA", target: "password")
        let rawAnswer = try Self.server.expectUnchanged { try raw(file, password: nil) }
        expectError(rawAnswer, 400, "INVALID_DATA", target: "password")
    }

    @Test(arguments: [
        "broken/random-4k.bin", "broken/rsa2048-chain-truncated.p12", "certs/leaf.pem", "certs/leaf.der",
        "pkcs12/rsa2048-mismatched-key.p12",
    ])
    func fileThatIsNotAUsablePKCS12NamesFile(_ name: String) throws {
        let file = try fixture(name)
        expectInvalidData(try Self.server.expectUnchanged { try upload(file) }, "INVALID_VALUE", target: "file")
        expectInvalidData(try Self.server.expectUnchanged { try raw(file) }, "INVALID_VALUE", target: "file")
    }

    @Test func emptyFileNamesFile() throws {
        let multipart = try Self.server.expectUnchanged { try upload([]) }
        expectError(multipart, 400, "INVALID_DATA", target: "file")
        let rawAnswer = try Self.server.expectUnchanged { try raw([]) }
        expectError(rawAnswer, 400, "INVALID_DATA", target: "file")
    }

    @Test(arguments: [("certs/expired.pem", "EXPIRED"), ("certs/not-yet-valid.pem", "NOT_YET_VALID")])
    func certificateOutsideItsValidityIsRefused(_ certificate: String, _ label: String) throws {
        let file = try Self.pkcs12(certificate: certificate, key: "pem/rsa2048-pkcs8.pem")
        let response = try Self.server.expectUnchanged { try upload(file) }
        expectInvalidData(response, "INVALID_VALUE", target: "file")
    }

    @Test func missingUsageTypeIsRequired() throws {
        let file = try fixture("pkcs12/rsa2048-chain-aes.p12")
        expectInvalidData(
            try Self.server.expectUnchanged { try upload(file, usageType: nil) },
            "REQUIRED_VALUE",
            target: "usageType"
        )
        expectInvalidData(
            try Self.server.expectUnchanged { try raw(file, usageType: nil) },
            "REQUIRED_VALUE",
            target: "usageType"
        )
    }

    @Test func unknownUsageTypeIsRefused() throws {
        let file = try fixture("pkcs12/rsa2048-chain-aes.p12")
        expectInvalidData(
            try Self.server.expectUnchanged { try upload(file, usageType: "TLS") },
            "INVALID_VALUE",
            target: "usageType"
        )
    }

    @Test func missingFileIsRequired() throws {
        let response = try Self.server.expectUnchanged { try upload(nil) }
        expectInvalidData(response, "REQUIRED_VALUE", target: "file")
    }
}
