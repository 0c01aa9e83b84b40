import Foundation
import KeywardCrypto
import KeywardTestSupport
import Testing

@Suite struct JSONWebKeyTests {
    /// A public key of every spec that has a JWK; RSA-7680 from a fixture (generating one takes seconds).
    static func publicKey(_ spec: KeySpec) throws -> PublicKey {
        if spec == .rsa7680 { return try PublicKey(parsing: fixture("pem/rsa7680-spki.pem")) }
        return try PrivateKey.generate(spec).publicKey
    }

    static func encoded(_ jwk: JSONWebKey) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return Array(try encoder.encode(jwk))
    }

    @Test(arguments: [KeySpec.rsa2048, .rsa3072, .rsa4096, .rsa7680, .p256, .p384, .p521, .p224])
    func membersEqualTheNumbersCryptographyReads(_ spec: KeySpec) throws {
        let key = try Self.publicKey(spec)
        let jwk = try JSONWebKey(publicKey: key, kid: "key-1", use: "sig", alg: JWSAlgorithm(for: spec)?.rawValue)
        let directory = try TemporaryDirectory()
        let jwkPath = try directory.write("jwk.json", Self.encoded(jwk))
        let keyPath = try directory.write("pub.pem", key.pemRepresentation())
        let result = try pythonCheck("jwk_check.py", [jwkPath, keyPath])
        #expect(result["matches"] as? Bool == true, "\(result)")
        #expect(jwk.kty == spec.algorithm.rawValue)
        if spec.algorithm == .rsa {
            #expect(jwk.e == "AQAB")
            #expect(Base64URL.decode(jwk.n ?? "")?.count == spec.keyLength / 8)
            #expect(Base64URL.decode(jwk.n ?? "")?.first != 0)
            #expect(jwk.crv == nil && jwk.x == nil && jwk.y == nil)
        } else {
            let width = (spec.keyLength + 7) / 8
            #expect(jwk.crv == spec.curveName)
            #expect(Base64URL.decode(jwk.x ?? "")?.count == width)
            #expect(Base64URL.decode(jwk.y ?? "")?.count == width)
            #expect(jwk.n == nil && jwk.e == nil)
        }
    }

    @Test(arguments: [KeySpec.rsa2048, .rsa3072, .rsa4096, .rsa7680, .p256, .p384, .p521, .p224])
    func publicKeyOfAJWKIsTheOriginalKey(_ spec: KeySpec) throws {
        let key = try Self.publicKey(spec)
        let jwk = try JSONWebKey(publicKey: key)
        let decoded = try JSONDecoder().decode(JSONWebKey.self, from: Data(Self.encoded(jwk)))
        #expect(decoded == jwk)
        let rebuilt = try decoded.publicKey()
        #expect(rebuilt == key)
        #expect(rebuilt.spec == spec)
        #expect(try rebuilt.derRepresentation() == key.derRepresentation())
    }

    @Test func aJWKTakenFromItsPublicKeyVerifiesTheKeysTokens() throws {
        for spec in [KeySpec.rsa2048, .p384] {
            let key = try PrivateKey.generate(spec)
            let algorithm = try #require(JWSAlgorithm(for: spec))
            let token = try CompactJWS.sign(
                headerJSON: Array("{}".utf8),
                payloadJSON: [0x7B, 0x7D],
                with: key,
                algorithm: algorithm
            )
            let jwk = try JSONWebKey(publicKey: key.publicKey, alg: algorithm.rawValue)
            #expect(try CompactJWS(parsing: token).isValid(with: jwk.publicKey(), algorithm: algorithm))
        }
    }

    @Test func absentMembersAreOmittedNotNull() throws {
        let key = try PrivateKey.generate(.p256).publicKey
        let text = String(decoding: try Self.encoded(JSONWebKey(publicKey: key)), as: UTF8.self)
        #expect(!text.contains("null"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["kty", "crv", "x", "y"])
        let full = try JSONWebKey(publicKey: key, kid: "k", use: "sig", alg: "ES256")
        let fullObject = try #require(
            try JSONSerialization.jsonObject(with: Data(Self.encoded(full))) as? [String: Any]
        )
        #expect(Set(fullObject.keys) == ["kty", "kid", "use", "alg", "crv", "x", "y"])
    }

    @Test func certificatesGiveX5cLeafFirstAndTheOpensslSHA1Thumbprint() throws {
        let pki = try TestPKI()
        let jwk = try JSONWebKey(
            publicKey: pki.leaf.publicKey,
            kid: "leaf",
            certificates: [pki.leaf, pki.organization, pki.root]
        )
        let chain = try #require(jwk.x5c)
        #expect(chain.count == 3)
        // Standard base64 (RFC 7517 §4.7), not base64url: Foundation's strict decoder reads it.
        #expect(chain[0] == Data(try pki.leaf.derRepresentation()).base64EncodedString())
        #expect(chain[2] == Data(try pki.root.derRepresentation()).base64EncodedString())
        let directory = try TemporaryDirectory()
        let leafPath = try directory.write("leaf.pem", pki.leaf.pemRepresentation())
        let fingerprint = try openssl("x509", "-in", leafPath, "-noout", "-fingerprint", "-sha1").standardOutput
        let hex = fingerprint.split(separator: "=").last.map { $0.replacingOccurrences(of: ":", with: "") } ?? ""
        let thumbprint = try #require(Base64URL.decode(jwk.x5t ?? ""))
        #expect(
            thumbprint.map { String(format: "%02X", $0) }.joined()
                == hex.trimmingCharacters(in: .whitespacesAndNewlines)
        )
        let jwkPath = try directory.write("jwk.json", Self.encoded(jwk))
        let result = try pythonCheck("jwk_check.py", [jwkPath, leafPath])
        #expect(result["checked"] as? [String] == ["kty", "crv", "x", "y", "x5c", "x5t"], "\(result)")
    }

    @Test func aLeafCertificateForAnotherKeyIsRefused() throws {
        let pki = try TestPKI()
        #expect(throws: CryptoError.keyMismatch) {
            try JSONWebKey(publicKey: pki.organizationKey.publicKey, certificates: [pki.leaf])
        }
    }

    @Test func invalidMembersAreMalformedJWK() throws {
        let ec = try JSONWebKey(publicKey: PrivateKey.generate(.p256).publicKey)
        let rsa = try JSONWebKey(publicKey: PrivateKey.generate(.rsa2048).publicKey)
        var cases: [(String, JSONWebKey)] = []
        var broken = ec
        broken.x = nil
        cases.append(("missing x", broken))
        broken = ec
        broken.crv = nil
        cases.append(("missing crv", broken))
        broken = ec
        broken.y = (ec.y ?? "") + "+"
        cases.append(("y not base64url", broken))
        broken = ec
        broken.x = Base64URL.encode([0] + (Base64URL.decode(ec.x ?? "") ?? []))
        cases.append(("x one byte too long", broken))
        broken = ec
        broken.x = Base64URL.encode((Base64URL.decode(ec.x ?? "") ?? []).dropFirst())
        cases.append(("x one byte too short", broken))
        broken = ec
        var y = Base64URL.decode(ec.y ?? "") ?? []
        y[y.count - 1] ^= 1
        broken.y = Base64URL.encode(y)
        cases.append(("point off the curve", broken))
        broken = rsa
        broken.n = nil
        cases.append(("missing n", broken))
        broken = rsa
        broken.e = ""
        cases.append(("empty e", broken))
        broken = rsa
        broken.e = "AQ"
        cases.append(("e = 1", broken))
        broken = rsa
        broken.e = "AQAA"
        cases.append(("even e", broken))
        broken = rsa
        var n = Base64URL.decode(rsa.n ?? "") ?? []
        n[n.count - 1] ^= 1
        broken.n = Base64URL.encode(n)
        cases.append(("even n", broken))
        broken = rsa
        broken.kty = "EC"
        cases.append(("RSA members under kty EC", broken))
        for (name, jwk) in cases {
            do {
                _ = try jwk.publicKey()
                Issue.record("\(name): accepted")
            } catch {
                guard case .malformedInput(format: "JWK", _) = error else {
                    Issue.record("\(name): \(error)")
                    continue
                }
            }
        }
    }

    @Test func otherKeyTypesCurvesAndRSASizesAreUnsupported() throws {
        let ec = try JSONWebKey(publicKey: PrivateKey.generate(.p256).publicKey)
        var okp = ec
        okp.kty = "OKP"
        var secp256k1 = ec
        secp256k1.crv = "secp256k1"
        // RSA-1024 numbers read by openssl from a fixture Keyward itself refuses to load.
        let modulus = try openssl("rsa", "-in", fixturePath("pem/rsa1024-pkcs8.pem"), "-noout", "-modulus")
        let hex = try #require(modulus.standardOutput.split(separator: "=").last).trimmingCharacters(
            in: .whitespacesAndNewlines
        )
        let n = Base64URL.encode(try #require(SecretHashTests.bytes(hex: hex)))
        let rsa1024 = try JSONDecoder().decode(
            JSONWebKey.self,
            from: Data(#"{"kty":"RSA","n":"\#(n)","e":"AQAB"}"#.utf8)
        )
        #expect(rsa1024.n == n)
        for jwk in [okp, secp256k1, rsa1024] {
            #expect {
                try jwk.publicKey()
            } throws: { error in
                guard case .unsupportedAlgorithm = error as? CryptoError else { return false }
                return true
            }
        }
    }
}
