import Foundation
import KeywardCore
import Testing

@testable import KeywardHTTP

/// `POST /v1/environments/{envID}/keys` with a JSON body (K2): every refusal names its field and
/// leaves the store as it was; what is accepted comes back in PingOne's shape.
@Suite("Keys: create from JSON", .serialized)
struct KeysCreateTests {
    nonisolated(unsafe) static let server = sharedServer()
    nonisolated(unsafe) static let api = sharedClient(server)

    static var valid: [String: Any] {
        [
            "name": "Partner signing key",
            "subjectDN": "CN=Partner signing key, OU=Platform, O=Example Corp, L=, ST=, C=US",
            "algorithm": "EC",
            "keyLength": 256,
            "validityPeriod": 365,
            "signatureAlgorithm": "SHA256withECDSA",
            "usageType": "SIGNING",
        ]
    }

    var path: String { "/v1/environments/\(Self.server.a)/keys" }

    /// Posts `valid` changed by `change`, and checks that it is refused with `detail` on `target`.
    func expectRefused(
        _ change: (inout [String: Any]) -> Void,
        _ detail: String,
        target: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        var body = Self.valid
        change(&body)
        let json = try jsonText(body)
        let response = try Self.server.expectUnchanged(sourceLocation: sourceLocation) {
            try Self.api.json("POST", path, json)
        }
        expectInvalidData(response, detail, target: target, sourceLocation: sourceLocation)
    }

    /// Posts raw text and checks the refusal.
    func post(_ body: [UInt8], contentType: String? = "application/json") throws -> RawHTTPResponse {
        try Self.server.expectUnchanged {
            try Self.api.call(
                "POST",
                path,
                headers: contentType.map { [("Content-Type", $0)] } ?? [],
                body: body
            )
        }
    }

    @Test(arguments: ["algorithm", "keyLength", "signatureAlgorithm", "subjectDN", "validityPeriod", "usageType"])
    func eachMissingRequiredFieldIsNamed(_ field: String) throws {
        try expectRefused({ $0[field] = nil }, "REQUIRED_VALUE", target: field)
    }

    @Test func keyLengthAsAStringIsAWrongType() throws {
        try expectRefused({ $0["keyLength"] = "256" }, "INVALID_VALUE", target: "keyLength")
    }

    @Test func nameAsANumberIsAWrongType() throws {
        try expectRefused({ $0["name"] = 42 }, "INVALID_VALUE", target: "name")
    }

    @Test func defaultAsAStringIsAWrongType() throws {
        try expectRefused({ $0["default"] = "true" }, "INVALID_VALUE", target: "default")
    }

    @Test func validityPeriodAsAFractionIsAWrongType() throws {
        try expectRefused({ $0["validityPeriod"] = 1.5 }, "INVALID_VALUE", target: "validityPeriod")
    }

    @Test(arguments: [
        ("algorithm", "DSA"), ("usageType", "TLS"), ("usageType", "signing"), ("signatureAlgorithm", "MD5withRSA"),
        ("algorithm", "UNKNOWN"),
    ])
    func unknownEnumValueIsRefused(_ field: String, _ value: String) throws {
        try expectRefused({ $0[field] = value }, "INVALID_VALUE", target: field)
    }

    @Test func rsa1024IsRefused() throws {
        try expectRefused(
            {
                $0["algorithm"] = "RSA"
                $0["keyLength"] = 1024
                $0["signatureAlgorithm"] = "SHA256withRSA"
            },
            "INVALID_VALUE",
            target: "keyLength"
        )
    }

    @Test func ec255IsRefused() throws {
        try expectRefused({ $0["keyLength"] = 255 }, "INVALID_VALUE", target: "keyLength")
    }

    @Test func signatureAlgorithmOfTheOtherFamilyIsRefused() throws {
        try expectRefused({ $0["signatureAlgorithm"] = "SHA256withRSA" }, "INVALID_VALUE", target: "signatureAlgorithm")
    }

    @Test(arguments: [
        "not a DN", "CN=Only a common name", "CN=, OU=Platform, O=Example Corp, L=, ST=, C=US",
        "CN=x, OU=Platform, O=Example Corp, L=, ST=, C=USA", "",
    ])
    func badSubjectDNIsRefused(_ subject: String) throws {
        try expectRefused({ $0["subjectDN"] = subject }, "INVALID_VALUE", target: "subjectDN")
    }

    @Test(arguments: [0, -1, 10_951, 1_000_000_000])
    func validityPeriodOutOfRangeIsRefused(_ days: Int) throws {
        try expectRefused({ $0["validityPeriod"] = days }, "INVALID_VALUE", target: "validityPeriod")
    }

    @Test func hugeValidityPeriodBeyondIntegersIsRefused() throws {
        let body = try jsonText(Self.valid).replacing("\"validityPeriod\":365", with: "\"validityPeriod\":1e400")
        expectInvalidData(try post(Array(body.utf8)), "INVALID_VALUE", target: "validityPeriod")
    }

    @Test(arguments: ["-5", "0", "12abc", String(repeating: "9", count: 60), "", "1.5"])
    func badSerialNumberStringIsRefused(_ serial: String) throws {
        try expectRefused({ $0["serialNumber"] = serial }, "INVALID_VALUE", target: "serialNumber")
    }

    @Test(arguments: ["-5", "1.5", String(repeating: "9", count: 50)])
    func badSerialNumberNumberIsRefused(_ serial: String) throws {
        let body = try jsonText(Self.valid).replacing("{", with: "{\"serialNumber\":\(serial),")
        expectInvalidData(try post(Array(body.utf8)), "INVALID_VALUE", target: "serialNumber")
    }

    @Test func malformedJSONIsInvalidRequestWithThePosition() throws {
        let response = try post(Array(#"{"name": "x",, "algorithm": "EC"}"#.utf8))
        let body = expectError(response, 400, "INVALID_REQUEST", detail: "INVALID_VALUE", target: "body")
        let message = body?.message ?? ""
        #expect(
            message.contains("line 1, column 14"),
            "no position in: \(message)"
        )
    }

    @Test func invalidUTF8IsInvalidRequest() throws {
        let response = try post(Array(#"{"name": ""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8))
        expectError(response, 400, "INVALID_REQUEST", target: "body", messageContains: "UTF-8")
    }

    @Test func emptyBodyIsInvalidRequest() throws {
        expectError(try post([]), 400, "INVALID_REQUEST", target: "body")
    }

    @Test func jsonThatIsNotAnObjectIsRefused() throws {
        let response = try post(Array("[1, 2]".utf8))
        #expect(response.status == 400, "\(text(response))")
    }

    @Test(arguments: ["text/plain", "application/xml", "application/octet-stream"])
    func wrongContentTypeIs415(_ type: String) throws {
        let response = try post(Array(try jsonText(Self.valid).utf8), contentType: type)
        expectError(response, 415, "INVALID_REQUEST", target: "Content-Type")
    }

    @Test func formBodyIs415() throws {
        let response = try post(Array("name=x&algorithm=EC".utf8), contentType: "application/x-www-form-urlencoded")
        expectError(response, 415, "INVALID_REQUEST", target: "Content-Type")
    }

    @Test func missingContentTypeIs415() throws {
        let response = try post(Array(try jsonText(Self.valid).utf8), contentType: nil)
        expectError(response, 415, "INVALID_REQUEST", target: "Content-Type")
    }

    @Test func bodyOverOneMebibyteIs413() throws {
        let padding = String(repeating: " ", count: HTTPServerConfiguration.defaultMaxBodySize)
        let body = Array((try jsonText(Self.valid) + padding).utf8)
        let connection = try Self.server.client()
        let response = try Self.server.expectUnchanged {
            try connection.request(
                "POST",
                path,
                headers: [("Authorization", "Bearer \(Self.api.token)"), ("Content-Type", "application/json")],
                body: body
            )
        }
        expectError(response, 413, "INVALID_REQUEST", detail: "SIZE_LIMIT_EXCEEDED", target: "body")
    }

    @Test(arguments: ["SSL/TLS", "SSL_TLS"])
    func tlsUsageIsAcceptedAndWrittenAsSSLSlashTLS(_ usage: String) throws {
        var body = Self.valid
        body["usageType"] = usage
        body["name"] = "tls \(usage)"
        let response = try Self.api.json("POST", path, try jsonText(body))
        #expect(response.status == 201, "\(text(response))")
        #expect(try object(response)["usageType"] as? String == "SSL/TLS")
        #expect(text(response).contains(#""usageType":"SSL\/TLS""#) || text(response).contains(#""SSL/TLS""#))
    }

    @Test func serialNumberAbove2To64RoundTripsAsABareNumber() throws {
        let serial = "123456789012345678901234567890"
        let body = try jsonText(Self.valid).replacing("{", with: "{\"serialNumber\":\(serial),")
        let created = try Self.api.json("POST", path, body)
        #expect(created.status == 201, "\(text(created))")
        #expect(text(created).contains("\"serialNumber\":\(serial)"))
        let id = try object(created)["id"] as? String ?? ""
        let read = try Self.api.call("GET", "\(path)/\(id)")
        #expect(text(read).contains("\"serialNumber\":\(serial)"))
        let list = try Self.api.call("GET", path)
        #expect(text(list).contains("\"serialNumber\":\(serial)"))
    }

    @Test func serialNumberAsADecimalStringIsAccepted() throws {
        var body = Self.valid
        body["serialNumber"] = "98765432109876543210"
        let created = try Self.api.json("POST", path, try jsonText(body))
        #expect(created.status == 201, "\(text(created))")
        #expect(text(created).contains("\"serialNumber\":98765432109876543210"))
    }

    @Test func createdKeyHasEveryMemberAndNoNull() throws {
        let before = try Self.server.count("keys")
        let response = try Self.api.json("POST", path, try jsonText(Self.valid))
        #expect(response.status == 201, "\(text(response))")
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(try Self.server.count("keys") == before + 1)
        let key = try object(response)
        #expect(!containsNull(key))
        #expect(!text(response).contains("null"))
        for member in [
            "_links", "id", "name", "serialNumber", "subjectDN", "issuerDN", "algorithm", "keyLength", "createdAt",
            "startsAt", "expiresAt", "validityPeriod", "signatureAlgorithm", "usageType", "status", "organization",
            "environment", "default",
        ] {
            #expect(key[member] != nil, "missing \(member)")
        }
        #expect(key["customCRL"] == nil)
        #expect(key["trustChain"] == nil)
        #expect(key["default"] as? Bool == false)
        #expect(key["status"] as? String == "VALID")
        let id = key["id"] as? String ?? ""
        #expect(response.headers["Location"]?.hasSuffix("/v1/environments/\(Self.server.a)/keys/\(id)") == true)
        let list = try Self.api.call("GET", path)
        #expect(!containsNull(try object(list)))
    }

    @Test func readOnlyMembersSentByTheClientAreIgnored() throws {
        var body = Self.valid
        body["status"] = "REVOKED"
        body["startsAt"] = "2000-01-01T00:00:00.000Z"
        body["id"] = "00000000-0000-0000-0000-000000000000"
        let response = try Self.api.json("POST", path, try jsonText(body))
        #expect(response.status == 201, "\(text(response))")
        let key = try object(response)
        #expect(key["status"] as? String == "VALID")
        #expect(key["id"] as? String != "00000000-0000-0000-0000-000000000000")
    }

    @Test func customCRLIsOnlyForIssuance() throws {
        try expectRefused({ $0["customCRL"] = "http://crl.example.com/x.crl" }, "INVALID_VALUE", target: "customCRL")
        try expectRefused(
            {
                $0["usageType"] = "ISSUANCE"
                $0["customCRL"] = "https://crl.example.com/x.crl"
            },
            "INVALID_VALUE",
            target: "customCRL"
        )
    }

    @Test func keyInAnUnknownEnvironmentIsNotFound() throws {
        let response = try Self.server.expectUnchanged {
            try Self.api.json(
                "POST",
                "/v1/environments/\(UUID().uuidString.lowercased())/keys",
                try jsonText(Self.valid)
            )
        }
        expectError(response, 404, "NOT_FOUND")
    }
}
