import Foundation
import KeywardCore
import KeywardTestSupport
import Testing

@testable import KeywardHTTP

/// `POST /{envID}/as/token` (client_credentials, RFC 6749) and `GET /{envID}/as/jwks`: refusals
/// in OAuth's shape; an issued token verifies with the JWK's `n`/`e` in Python `cryptography`.
@Suite("Token endpoint and JWKS", .serialized)
struct TokenTests {
    nonisolated(unsafe) static let server = sharedServer()

    var tokenPath: String { "/\(Self.server.a)/as/token" }

    func post(
        _ body: String,
        path: String? = nil,
        basic: (String, String)? = nil,
        contentType: String = "application/x-www-form-urlencoded"
    ) throws -> RawHTTPResponse {
        var headers = [("Content-Type", contentType)]
        if let (id, secret) = basic {
            headers.append(("Authorization", "Basic " + Data("\(id):\(secret)".utf8).base64EncodedString()))
        }
        return try Self.server.client().request("POST", path ?? tokenPath, headers: headers, body: Array(body.utf8))
    }

    func expectOAuthError(
        _ response: RawHTTPResponse,
        _ status: Int,
        _ error: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(response.status == status, "\(text(response))", sourceLocation: sourceLocation)
        #expect(response.headers["Content-Type"] == "application/json", sourceLocation: sourceLocation)
        #expect(response.headers["Cache-Control"] == "no-store", sourceLocation: sourceLocation)
        let body = try? decodeJSON(OAuthErrorJSON.self, from: response.body)
        #expect(body?.error == error, "\(text(response))", sourceLocation: sourceLocation)
        #expect(body?.errorDescription.isEmpty == false, sourceLocation: sourceLocation)
        if status == 401 {
            #expect(response.headers["WWW-Authenticate"]?.hasPrefix("Basic") == true, sourceLocation: sourceLocation)
        }
    }

    func expectToken(_ response: RawHTTPResponse, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(response.status == 200, "\(text(response))", sourceLocation: sourceLocation)
        #expect(response.headers["Cache-Control"] == "no-store", sourceLocation: sourceLocation)
        let answer = try decodeJSON(TokenAnswer.self, from: response.body)
        #expect(answer.tokenType == "Bearer", sourceLocation: sourceLocation)
        #expect(answer.expiresIn == 3600, sourceLocation: sourceLocation)
        let use = try Self.server.client().request(
            "GET",
            "/v1/environments/\(Self.server.a)/keys",
            headers: [("Authorization", "Bearer \(answer.accessToken)")]
        )
        #expect(use.status == 200, sourceLocation: sourceLocation)
    }

    @Test func clientSecretBasicIssuesAUsableToken() throws {
        try expectToken(
            try post("grant_type=client_credentials", basic: (Self.server.clientID, Self.server.clientSecret))
        )
    }

    @Test func clientSecretPostIssuesAUsableToken() throws {
        let body =
            "grant_type=client_credentials&client_id=\(Self.server.clientID)&client_secret=\(Self.server.clientSecret)"
        try expectToken(try post(body))
    }

    @Test func wrongSecretIsInvalidClient() throws {
        expectOAuthError(
            try post("grant_type=client_credentials", basic: (Self.server.clientID, "wrong")),
            401,
            "invalid_client"
        )
        let body = "grant_type=client_credentials&client_id=\(Self.server.clientID)&client_secret=wrong"
        expectOAuthError(try post(body), 401, "invalid_client")
    }

    @Test func unknownClientIsInvalidClient() throws {
        let unknown = UUID().uuidString.lowercased()
        expectOAuthError(try post("grant_type=client_credentials", basic: (unknown, "x")), 401, "invalid_client")
        expectOAuthError(try post("grant_type=client_credentials", basic: ("not-a-uuid", "x")), 401, "invalid_client")
    }

    @Test func clientOfAnotherEnvironmentIsInvalidClient() throws {
        let credentials = (Self.server.clientID, Self.server.clientSecret)
        expectOAuthError(
            try post("grant_type=client_credentials", path: "/\(Self.server.b)/as/token", basic: credentials),
            401,
            "invalid_client"
        )
        expectOAuthError(
            try post("grant_type=client_credentials", path: "/\(Self.server.c)/as/token", basic: credentials),
            401,
            "invalid_client"
        )
        let other = (Self.server.otherClientID, Self.server.otherClientSecret)
        expectOAuthError(try post("grant_type=client_credentials", basic: other), 401, "invalid_client")
    }

    @Test func unknownEnvironmentIsInvalidClient() throws {
        let path = "/\(UUID().uuidString.lowercased())/as/token"
        let response = try post(
            "grant_type=client_credentials",
            path: path,
            basic: (Self.server.clientID, Self.server.clientSecret)
        )
        expectOAuthError(response, 401, "invalid_client")
    }

    @Test func missingGrantTypeIsInvalidRequest() throws {
        expectOAuthError(
            try post("scope=x", basic: (Self.server.clientID, Self.server.clientSecret)),
            400,
            "invalid_request"
        )
    }

    @Test func otherGrantTypeIsUnsupported() throws {
        let basic = (Self.server.clientID, Self.server.clientSecret)
        expectOAuthError(
            try post("grant_type=password&username=a&password=b", basic: basic),
            400,
            "unsupported_grant_type"
        )
        expectOAuthError(try post("grant_type=authorization_code&code=x", basic: basic), 400, "unsupported_grant_type")
    }

    @Test func bothAuthenticationMethodsAtOnceIsInvalidRequest() throws {
        let body =
            "grant_type=client_credentials&client_id=\(Self.server.clientID)&client_secret=\(Self.server.clientSecret)"
        expectOAuthError(
            try post(body, basic: (Self.server.clientID, Self.server.clientSecret)),
            400,
            "invalid_request"
        )
    }

    @Test func noClientAuthenticationIsInvalidClient() throws {
        expectOAuthError(try post("grant_type=client_credentials"), 401, "invalid_client")
    }

    @Test func malformedBasicHeaderIsInvalidClient() throws {
        let response = try Self.server.client().request(
            "POST",
            tokenPath,
            headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Authorization", "Basic !!!")],
            body: Array("grant_type=client_credentials".utf8)
        )
        expectOAuthError(response, 401, "invalid_client")
    }

    @Test(arguments: ["application/json", "text/plain"])
    func wrongContentTypeIsInvalidRequest(_ type: String) throws {
        let body = #"{"grant_type":"client_credentials"}"#
        let response = try post(body, basic: (Self.server.clientID, Self.server.clientSecret), contentType: type)
        expectOAuthError(response, 400, "invalid_request")
    }

    @Test func issuedTokenVerifiesWithTheJWKSKey() throws {
        let token = try Self.server.token()
        let jwks = try Self.server.client().request("GET", "/\(Self.server.a)/as/jwks")
        #expect(jwks.status == 200)
        #expect(jwks.headers["Content-Type"] == "application/json")
        let keys = try object(jwks)["keys"] as? [[String: Any]] ?? []
        let header = try JSONSerialization.jsonObject(
            with: Data(base64URL: String(token.split(separator: ".")[0])) ?? Data()
        )
        let kid = (header as? [String: Any])?["kid"] as? String
        #expect((header as? [String: Any])?["alg"] as? String == "RS256")
        let jwk = keys.first { $0["kid"] as? String == kid }
        #expect(jwk?["kty"] as? String == "RSA")
        #expect(jwk?["use"] as? String == "sig")

        let scratch = try TemporaryDirectory()
        try scratch.write("jwk.json", Array(try JSONSerialization.data(withJSONObject: jwk ?? [:])))
        try scratch.write("token.txt", Array(token.utf8))
        let script = """
            import base64, json, sys
            from cryptography.hazmat.primitives import hashes
            from cryptography.hazmat.primitives.asymmetric import padding, rsa
            def b64(s): return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
            jwk = json.load(open(sys.argv[1]))
            token = open(sys.argv[2]).read().strip()
            head, body, sig = token.split(".")
            key = rsa.RSAPublicNumbers(int.from_bytes(b64(jwk["e"]), "big"), int.from_bytes(b64(jwk["n"]), "big")).public_key()
            key.verify(b64(sig), f"{head}.{body}".encode(), padding.PKCS1v15(), hashes.SHA256())
            print(json.dumps(json.loads(b64(body))))
            """
        let result = try runCommand(venvPython, ["-c", script, scratch.path("jwk.json"), scratch.path("token.txt")])
        #expect(result.status == 0, "\(result.standardError)")
        let claims = try JSONSerialization.jsonObject(with: result.outputBytes) as? [String: Any]
        #expect(claims?["client_id"] as? String == Self.server.clientID || claims?["env"] as? String == Self.server.a)

        // A token whose signature is altered does not verify with the same key.
        var altered = Array(token.utf8)
        altered[altered.count - 5] =
            altered[altered.count - 5] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        try scratch.write("token.txt", altered)
        let refused = try runCommand(venvPython, ["-c", script, scratch.path("jwk.json"), scratch.path("token.txt")])
        #expect(refused.status != 0)
    }

    @Test func jwksOfAnUnknownEnvironmentIsNotFound() throws {
        let response = try Self.server.client().request("GET", "/\(UUID().uuidString.lowercased())/as/jwks")
        expectError(response, 404, "NOT_FOUND")
    }
}

extension Data {
    /// Decodes base64url without padding.
    init?(base64URL text: String) {
        var base64 = text.replacing("-", with: "+").replacing("_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }
}
