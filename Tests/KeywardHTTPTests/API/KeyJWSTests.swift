import Foundation
import KeywardCore
import KeywardCrypto
import KeywardTestSupport
import Testing

@testable import KeywardHTTP

/// `POST /v1/environments/{env}/keys/{keyID}/jws`: a compact JWS any JOSE library verifies with
/// the key's JWK.
@Suite("Keys sign JSON payloads as compact JWS", .serialized)
struct KeyJWSTests {
    nonisolated(unsafe) static let server = sharedServer()
    nonisolated(unsafe) static let api = sharedClient(server)
    static let payload = #"{"payload":{"sub":"order-42","iat":1700000000,"scope":["a","b"],"nested":{"ok":true}}}"#

    @Test func theEnvironmentsDefaultKeySignsAndTheJWSKeySetVerifiesIt() throws {
        let key = try #require(
            try Self.server.store.read {
                try $0.defaultKey(environmentID: Self.server.environmentA.id, usageType: .signing)
            }
        )
        let kid = key.id.uuidString.lowercased()
        let response = try Self.api.json("POST", "/v1/environments/\(Self.server.a)/keys/\(kid)/jws", Self.payload)
        #expect(response.status == 200, "\(text(response))")
        let answer = try object(response)
        #expect(answer["kid"] as? String == kid)
        #expect(answer["algorithm"] as? String == "RS256")
        let jws = try #require(answer["jws"] as? String)

        // The JWS key set publishes it; the token key set never does (a JWS is no access token).
        let tokenKeys = try Self.server.client().request("GET", "/\(Self.server.a)/as/jwks")
        let tokenSet = try JSONDecoder().decode([String: [JSONWebKey]].self, from: Data(tokenKeys.body))["keys"] ?? []
        #expect(tokenSet.count == 2 && !tokenSet.contains { $0.kid == kid })
        let jwks = try Self.server.client().request("GET", "/\(Self.server.a)/jws/jwks")
        let keys = try JSONDecoder().decode([String: [JSONWebKey]].self, from: Data(jwks.body))["keys"] ?? []
        #expect(!keys.contains { tokenSet.map(\.kid).contains($0.kid) })
        let jwk = try #require(keys.first { $0.kid == kid })
        let files = try TemporaryDirectory()
        let verified = try pythonCheck(
            "jws_verify.py",
            [
                try files.write("jwk.pem", try jwk.publicKey().pemRepresentation()), "RS256",
                try files.write("token", jws),
            ]
        )
        #expect(verified["valid"] as? Bool == true, "\(verified)")
        let header = verified["header"] as? [String: Any] ?? [:]
        #expect(header["kid"] as? String == kid)
        #expect(header["typ"] as? String == "JWT")
        let payload = Data(base64Encoded: verified["payload_b64"] as? String ?? "") ?? Data()
        let claims = try JSONSerialization.jsonObject(with: payload) as? [String: Any] ?? [:]
        #expect(claims["sub"] as? String == "order-42")
        #expect(claims["iat"] as? Int == 1_700_000_000)
        #expect(String(decoding: payload, as: UTF8.self).contains(#""iat":1700000000"#))
    }

    @Test(arguments: [(KeySpec.p256, "ES256"), (.p384, "ES384"), (.p521, "ES512"), (.rsa3072, "RS256")])
    func anImportedKeySignsWithItsAlgorithm(_ spec: KeySpec, _ algorithm: String) throws {
        let key = try Self.api.importKey(spec, usageType: "SIGNING", in: Self.server.a)
        let response = try Self.api.json("POST", "/v1/environments/\(Self.server.a)/keys/\(key.id)/jws", Self.payload)
        #expect(response.status == 200, "\(text(response))")
        let answer = try object(response)
        #expect(answer["algorithm"] as? String == algorithm)
        let token = try key.files.write("token", answer["jws"] as? String ?? "")
        let verified = try pythonCheck("jws_verify.py", [key.certificatePath, algorithm, token])
        #expect(verified["valid"] as? Bool == true, "\(verified)")
    }

    @Test func aPayloadMustBeAJSONObject() throws {
        let key = try Self.api.importKey(.p256, usageType: "SIGNING", in: Self.server.a)
        let path = "/v1/environments/\(Self.server.a)/keys/\(key.id)/jws"
        expectError(
            try Self.api.json("POST", path, #"{}"#),
            400,
            "INVALID_DATA",
            detail: "REQUIRED_VALUE",
            target: "payload"
        )
        expectError(try Self.api.json("POST", path, #"{"payload":[1]}"#), 400, "INVALID_DATA", target: "payload")
        let other = try Self.api.json("POST", "/v1/environments/\(Self.server.b)/keys/\(key.id)/jws", Self.payload)
        expectError(other, 404, "NOT_FOUND")
    }
}
