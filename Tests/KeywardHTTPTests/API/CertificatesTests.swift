import Foundation
import KeywardCore
import KeywardTestSupport
import Testing

@testable import KeywardHTTP

/// `/v1/environments/{envID}/certificates` (T1–T5): upload PEM, DER and PKCS#7 (multipart and
/// raw), list, read, export and delete; refusals name their field and store nothing.
@Suite("Certificates", .serialized)
struct CertificatesTests {
    nonisolated(unsafe) static let server = sharedServer()
    nonisolated(unsafe) static let api = sharedClient(server)

    var path: String { "/v1/environments/\(Self.server.a)/certificates" }

    func upload(_ file: [UInt8]?, usageType: String? = "SIGNING") throws -> RawHTTPResponse {
        try Self.api.multipart("POST", path, file: file, fields: usageType.map { [("usageType", $0)] } ?? [])
    }

    @Test(arguments: ["certs/leaf.pem", "certs/leaf.der", "pkcs7/chain-certs-only.der", "pkcs7/chain-certs-only.pem"])
    func uploadIsAcceptedWith202(_ name: String) throws {
        let before = try Self.server.count("certificates")
        let response = try upload(try fixture(name))
        #expect(response.status == 202, "\(text(response))")
        #expect(try Self.server.count("certificates") == before + 1)
        let certificate = try object(response)
        #expect(certificate["name"] as? String == "leaf.example.com")
        #expect(certificate["status"] as? String == "VALID")
        #expect(certificate["usageType"] as? String == "SIGNING")
        #expect(certificate["default"] as? Bool == false)
        #expect(!containsNull(certificate))
        let id = certificate["id"] as? String ?? ""
        #expect(response.headers["Location"]?.hasSuffix("/certificates/\(id)") == true)
    }

    @Test func rawPKCS7WithUsageTypeInTheQueryIsAccepted() throws {
        let response = try Self.api.call(
            "POST",
            "\(path)?usageType=ENCRYPTION",
            headers: [("Content-Type", "application/x-pkcs7-certificates")],
            body: try fixture("pkcs7/chain-cryptography.der")
        )
        #expect(response.status == 202, "\(text(response))")
        #expect(try object(response)["usageType"] as? String == "ENCRYPTION")
    }

    @Test func rawUploadWithoutUsageTypeIsRequired() throws {
        let response = try Self.server.expectUnchanged {
            try Self.api.call(
                "POST",
                path,
                headers: [("Content-Type", "application/x-pkcs7-certificates")],
                body: try fixture("pkcs7/chain-cryptography.der")
            )
        }
        expectInvalidData(response, "REQUIRED_VALUE", target: "usageType")
    }

    @Test func listReadExportAndDelete() throws {
        let created = try object(try upload(try fixture("certs/leaf-p256.pem"), usageType: "SSL/TLS"))
        let id = created["id"] as? String ?? ""
        #expect(created["algorithm"] as? String == "EC")
        #expect(created["usageType"] as? String == "SSL/TLS")

        let list = try object(try Self.api.call("GET", path))
        let items = (list["_embedded"] as? [String: Any])?["certificates"] as? [[String: Any]] ?? []
        #expect(items.contains { $0["id"] as? String == id })
        #expect(list["size"] as? Int == items.count)
        #expect(!containsNull(list))

        let read = try Self.api.call("GET", "\(path)/\(id)")
        #expect(read.status == 200)
        #expect(try object(read)["subjectDN"] as? String == created["subjectDN"] as? String)

        let pem = try Self.api.call("GET", "\(path)/\(id)", headers: [("Accept", "application/x-x509-ca-cert")])
        #expect(pem.headers["Content-Type"] == "application/x-x509-ca-cert")
        let subject = try openssl(["x509", "-noout", "-subject"], input: Data(pem.body))
        #expect(subject.standardOutput.contains("leaf-p256.example.com"))
        let der = try Self.api.call("GET", "\(path)/\(id)", headers: [("Accept", "application/pkix-cert")])
        #expect(der.headers["Content-Type"] == "application/pkix-cert")
        #expect(der.body == Array(try openssl(["x509", "-outform", "DER"], input: Data(pem.body)).outputBytes))
        let pkcs7 = try Self.api.call(
            "GET",
            "\(path)/\(id)",
            headers: [("Accept", "application/x-pkcs7-certificates")]
        )
        #expect(pkcs7.headers["Content-Type"] == "application/x-pkcs7-certificates")
        let printed = try openssl(["pkcs7", "-inform", "DER", "-print_certs"], input: Data(pkcs7.body))
        #expect(printed.standardOutput.contains("leaf-p256.example.com"))
        expectError(
            try Self.api.call("GET", "\(path)/\(id)", headers: [("Accept", "text/html")]),
            406,
            "INVALID_REQUEST"
        )

        let applications = try Self.api.call("GET", "\(path)/\(id)/applications")
        #expect(applications.status == 200)

        let before = try Self.server.count("certificates")
        #expect(try Self.api.call("DELETE", "\(path)/\(id)").status == 204)
        #expect(try Self.server.count("certificates") == before - 1)
        expectError(try Self.api.call("GET", "\(path)/\(id)"), 404, "NOT_FOUND")
        expectError(try Self.api.call("DELETE", "\(path)/\(id)"), 404, "NOT_FOUND")
    }

    @Test(arguments: [
        "certs/expired.pem", "certs/not-yet-valid.pem", "broken/random-4k.bin", "broken/leaf-truncated.der",
        "broken/leaf-truncated.pem", "broken/leaf-garbage-base64.pem", "broken/chain-certs-only-truncated.der",
        "broken/empty.bin", "pkcs12/rsa2048-chain-aes.p12",
    ])
    func unusableFileIsRefusedNamingFile(_ name: String) throws {
        let file = try fixture(name)
        let response = try Self.server.expectUnchanged { try upload(file) }
        expectError(response, 400, "INVALID_DATA", target: "file")
    }

    @Test func privateKeyInsideIsRefused() throws {
        let file = try fixture("certs/leaf.key") + fixture("certs/leaf.pem")
        let response = try Self.server.expectUnchanged { try upload(file) }
        expectInvalidData(response, "INVALID_VALUE", target: "file")
        let encrypted = try fixture("certs/leaf.pem") + fixture("pem/rsa2048-pkcs1-encrypted.pem")
        expectInvalidData(try Self.server.expectUnchanged { try upload(encrypted) }, "INVALID_VALUE", target: "file")
    }

    @Test func missingUsageTypeIsRequired() throws {
        let response = try Self.server.expectUnchanged { try upload(try fixture("certs/leaf.pem"), usageType: nil) }
        expectInvalidData(response, "REQUIRED_VALUE", target: "usageType")
    }

    @Test func unknownUsageTypeIsRefused() throws {
        let response = try Self.server.expectUnchanged { try upload(try fixture("certs/leaf.pem"), usageType: "TLS") }
        expectInvalidData(response, "INVALID_VALUE", target: "usageType")
    }

    @Test func missingFileIsRequired() throws {
        let response = try Self.server.expectUnchanged { try upload(nil) }
        expectInvalidData(response, "REQUIRED_VALUE", target: "file")
    }

    @Test func jsonBodyIs415() throws {
        let response = try Self.server.expectUnchanged { try Self.api.json("POST", path, #"{"usageType":"SIGNING"}"#) }
        expectError(response, 415, "INVALID_REQUEST", target: "Content-Type")
    }
}
