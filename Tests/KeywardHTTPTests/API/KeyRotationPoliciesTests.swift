import Foundation
import KeywardCore
import KeywardCrypto
import KeywardTestSupport
import Testing

@testable import KeywardHTTP

/// PingOne's key rotation policies over HTTP (§3.4): create, list, read, replace, delete, the
/// policy JWKS, Keyward's manual rotation, and token continuity across a rotation.
@Suite("Key rotation policies API", .serialized)
struct KeyRotationPoliciesTests {
    nonisolated(unsafe) static let server = sharedServer()
    nonisolated(unsafe) static let api = sharedClient(server)

    nonisolated(unsafe) static let valid: [String: Any] = [
        "name": "Tenant token signing",
        "dn": "CN=Tenant token signing, OU=Platform, O=Example Corp, L=, ST=, C=US",
        "algorithm": "RSA",
        "keyLength": 2048,
        "validityPeriod": 365,
        "signatureAlgorithm": "SHA256withRSA",
        "usageType": "SIGNING",
        "rotationPeriod": 120,
    ]

    static func path(_ environment: String = server.b) -> String {
        "/v1/environments/\(environment)/keyRotationPolicies"
    }

    static func policies(_ environment: String = server.b) throws -> [[String: Any]] {
        let list = try api.getObject(path(environment))
        return (list["_embedded"] as? [String: Any])?["keyRotationPolicies"] as? [[String: Any]] ?? []
    }

    @Test func theDefaultPolicyIsListedInPingOnesShape() throws {
        let list = try Self.api.getObject(Self.path())
        #expect(list["size"] as? Int == 1)
        let policy = try #require(try Self.policies().first)
        #expect(policy["default"] as? Bool == true)
        #expect(policy["usageType"] as? String == "SIGNING" && policy["algorithm"] as? String == "RSA")
        #expect(policy["signatureAlgorithm"] as? String == "SHA256withRSA" && policy["keyLength"] as? Int == 2048)
        #expect(policy["validityPeriod"] as? Int == 365 && policy["rotationPeriod"] as? Int == 90)
        #expect((policy["environment"] as? [String: Any])?["id"] as? String == Self.server.b)
        #expect(policy["currentKeyId"] is String && policy["nextKeyId"] is String && policy["rotatedAt"] is String)
        #expect(policy["previousKeyId"] == nil)
        let links = policy["_links"] as? [String: Any]
        #expect(
            (links?["environment"] as? [String: Any])?["href"] as? String
                == "http://127.0.0.1/v1/environments/\(Self.server.b)"
        )
    }

    @Test func createReadReplaceAndDelete() throws {
        let before = try Self.server.count("keys")
        let created = try Self.api.json("POST", Self.path(), try jsonText(Self.valid))
        #expect(created.status == 201, "\(text(created))")
        let policy = try object(created)
        let id = try #require(policy["id"] as? String)
        #expect(created.headers["Location"]?.hasSuffix("/keyRotationPolicies/\(id)") == true)
        #expect(policy["default"] as? Bool == false && policy["rotationPeriod"] as? Int == 120)
        #expect(policy["dn"] as? String == Self.valid["dn"] as? String)
        #expect(try Self.server.count("keys") == before + 2)
        #expect(try Self.api.getObject("\(Self.path())/\(id)")["name"] as? String == "Tenant token signing")

        var replacement = Self.valid
        replacement["name"] = "Renamed"
        replacement["rotationPeriod"] = 60
        replacement["currentKeyId"] = "ignored"
        let replaced = try Self.api.json("PUT", "\(Self.path())/\(id)", try jsonText(replacement))
        #expect(replaced.status == 200, "\(text(replaced))")
        let after = try object(replaced)
        #expect(after["name"] as? String == "Renamed" && after["rotationPeriod"] as? Int == 60)
        #expect(after["currentKeyId"] as? String == policy["currentKeyId"] as? String)

        #expect(try Self.api.call("DELETE", "\(Self.path())/\(id)").status == 204)
        expectError(try Self.api.call("GET", "\(Self.path())/\(id)"), 404, "NOT_FOUND")
        #expect(try Self.server.count("keys") == before)
    }

    @Test func theDefaultPolicyCannotBeDeleted() throws {
        let id = try #require(try Self.policies().first?["id"] as? String)
        expectError(
            try Self.api.call("DELETE", "\(Self.path())/\(id)"),
            400,
            "INVALID_DATA",
            detail: "CONSTRAINT_VIOLATION",
            messageContains: "default key rotation policy"
        )
        #expect(try Self.policies().count == 1)
    }

    @Test(
        arguments: [
            ("name", nil, "REQUIRED_VALUE"), ("dn", "no equals sign", "INVALID_VALUE"),
            ("algorithm", "EC", "INVALID_VALUE"), ("keyLength", 1024, "INVALID_VALUE"),
            ("keyLength", "2048", "INVALID_VALUE"), ("signatureAlgorithm", "SHA512withRSA", "INVALID_VALUE"),
            ("usageType", "ENCRYPTION", "INVALID_VALUE"), ("rotationPeriod", 29, "INVALID_VALUE"),
            ("rotationPeriod", 365, "INVALID_VALUE"), ("validityPeriod", 0, "INVALID_VALUE"),
        ] as [(String, (any Sendable)?, String)]
    )
    func invalidBodiesNameTheFieldAndStoreNothing(field: String, value: (any Sendable)?, detail: String) throws {
        var body = Self.valid
        body[field] = value
        let before = try Self.server.count("keys")
        expectInvalidData(try Self.api.json("POST", Self.path(), try jsonText(body)), detail, target: field)
        #expect(try Self.server.count("keys") == before)
        #expect(try Self.policies().count == 1)
    }

    @Test func anotherTenantsPolicyIsNotFound() throws {
        let other = try Self.server.roleClient(
            "other tenant reader",
            in: Self.server.environmentC,
            roles: [(BuiltInRoles.environmentAdminID, .environment(Self.server.environmentC.id))]
        )
        let id = try #require(try Self.policies().first?["id"] as? String)
        expectError(try other.call("GET", "\(Self.path())/\(id)"), 404, "NOT_FOUND")
        expectError(try other.call("GET", Self.path()), 404, "NOT_FOUND")
        let policyOfC = try #require(
            try Self.server.store.read { try $0.rotationPolicies(environmentID: Self.server.environmentC.id) }.first
        )
        expectError(
            try Self.api.call("GET", "\(Self.path(Self.server.a))/\(policyOfC.id.lowercaseString)"),
            404,
            "NOT_FOUND"
        )
    }

    @Test func readersReadButOnlyAdminsChangeOrRotate() throws {
        let scope = Scope.environment(Self.server.environmentB.id)
        let auditor = try Self.server.roleClient(
            "policy auditor",
            in: Self.server.environmentB,
            roles: [(BuiltInRoles.auditorID, scope)]
        )
        let operatorClient = try Self.server.roleClient(
            "policy operator",
            in: Self.server.environmentB,
            roles: [(BuiltInRoles.keyAndCertificateOperatorID, scope)]
        )
        let id = try #require(try Self.policies().first?["id"] as? String)
        for client in [auditor, operatorClient] {
            #expect(try client.call("GET", "\(Self.path())/\(id)").status == 200)
            #expect(try client.call("GET", "\(Self.path())/\(id)/jwks").status == 200)
            expectError(try client.json("POST", Self.path(), try jsonText(Self.valid)), 403, "ACCESS_FAILED")
            expectError(try client.call("POST", "\(Self.path())/\(id)/rotate"), 403, "ACCESS_FAILED")
            expectError(try client.call("DELETE", "\(Self.path())/\(id)"), 403, "ACCESS_FAILED")
        }
    }

    @Test func aPolicysKeysAreSelfSignedByItsDNAndServeOnlyTokens() throws {
        let policy = try #require(try Self.policies().first)
        let keyID = try #require(policy["currentKeyId"] as? String)
        let keyPath = "/v1/environments/\(Self.server.b)/keys/\(keyID)"
        let pem = try Self.api.call("GET", keyPath, headers: [("Accept", "application/x-x509-ca-cert")])
        #expect(pem.status == 200)
        let files = try TemporaryDirectory()
        let certificate = try files.write("krp.pem", pem.body)
        let subject = try openssl("x509", "-in", certificate, "-noout", "-subject", "-issuer", "-nameopt", "RFC2253")
        let lines = subject.standardOutput.split(separator: "\n").map {
            $0.split(separator: "=", maxSplits: 1).last ?? ""
        }
        #expect(lines.count == 2 && lines[0] == lines[1], "\(subject.standardOutput)")
        let verified = try openssl("verify", "-CAfile", certificate, certificate)
        #expect(verified.status == 0, "\(verified.standardError)")
        expectError(
            try Self.api.call("DELETE", keyPath),
            400,
            "INVALID_DATA",
            detail: "CONSTRAINT_VIOLATION",
            messageContains: "key rotation policy"
        )
        let signing = try Self.api.json(
            "POST",
            "/v1/environments/\(Self.server.b)/signings",
            #"{"key":{"id":"\#(keyID)"},"algorithm":"SHA256withRSA","plainText":"aGVsbG8="}"#
        )
        expectInvalidData(signing, "INVALID_VALUE", target: "key.id")
        expectInvalidData(
            try Self.api.json("PUT", keyPath, #"{"usageType":"ENCRYPTION","default":false}"#),
            "INVALID_VALUE",
            target: "usageType"
        )
    }

    /// A token issued before a rotation verifies, with Python `cryptography`, against the JWKS
    /// published after it; the next token is signed by the new current key.
    @Test func tokensIssuedBeforeARotationVerifyWithTheJWKSPublishedAfterIt() throws {
        let environment = Self.server.environmentA
        let before = try Self.server.token()
        let policy = try #require(try Self.policies(Self.server.a).first)
        let id = try #require(policy["id"] as? String)
        let rotated = try Self.api.call("POST", "\(Self.path(Self.server.a))/\(id)/rotate")
        #expect(rotated.status == 200, "\(text(rotated))")
        let after = try object(rotated)
        #expect(after["previousKeyId"] as? String == policy["currentKeyId"] as? String)
        #expect(after["currentKeyId"] as? String == policy["nextKeyId"] as? String)

        let jwks = try Self.server.client().request("GET", "/\(Self.server.a)/as/jwks")
        let set = try decodeJSON([String: [JSONWebKey]].self, from: jwks.body)["keys"] ?? []
        let kids = set.map(\.kid)
        #expect(kids == [policy["currentKeyId"], after["currentKeyId"], after["nextKeyId"]].map { $0 as? String })
        let header = try #require(
            try JSONSerialization.jsonObject(with: Data(try CompactJWS(parsing: before).headerJSON)) as? [String: Any]
        )
        let jwk = try #require(set.first { $0.kid == header["kid"] as? String })
        let files = try TemporaryDirectory()
        let jwkPath = try files.write("jwk.json", Array(try JSONEncoder().encode(jwk)))
        let verified = try pythonCheck(
            "jws_verify.py",
            [
                try files.write("jwk.pem", try jwk.publicKey().pemRepresentation()), "RS256",
                try files.write("token", before),
            ]
        )
        #expect(verified["valid"] as? Bool == true)
        let matches = try pythonCheck(
            "jwk_check.py",
            [jwkPath, try files.write("jwk.pem", try jwk.publicKey().pemRepresentation())]
        )
        #expect(matches["matches"] as? Bool == true)
        // The policy's own JWKS publishes the same three keys.
        let own = try Self.api.call("GET", "\(Self.path(Self.server.a))/\(id)/jwks")
        #expect(try decodeJSON([String: [JSONWebKey]].self, from: own.body)["keys"]?.map(\.kid) == kids)
        // The old token still authenticates (fresh server-side check), a new one names the new key.
        let fresh = try Self.server.token()
        let freshHeader = try JSONSerialization.jsonObject(with: Data(try CompactJWS(parsing: fresh).headerJSON))
        #expect((freshHeader as? [String: Any])?["kid"] as? String == after["currentKeyId"] as? String)
        #expect(try Self.server.services.tokens.authenticate(bearer: before).environmentID == environment.id)
    }
}
