import Foundation
import KeywardCrypto
import KeywardTestSupport
import Testing

@Suite struct JWSTests {
    static let cases: [(KeySpec, JWSAlgorithm)] = [
        (.rsa2048, .rs256), (.rsa2048, .rs384), (.rsa3072, .rs512), (.p256, .es256), (.p384, .es384), (.p521, .es512),
    ]

    static func header(_ algorithm: JWSAlgorithm) -> [UInt8] {
        Array(#"{"alg":"\#(algorithm.rawValue)","typ":"JWT","kid":"k1"}"#.utf8)
    }

    static let payload = Array(#"{"sub":"client-1","aud":"keyward","exp":1893456000,"name":"Zoë"}"#.utf8)

    @Test func keysMapToTheirJWSAlgorithm() {
        #expect(JWSAlgorithm(for: .rsa2048) == .rs256)
        #expect(JWSAlgorithm(for: .rsa7680) == .rs256)
        #expect(JWSAlgorithm(for: .p256) == .es256)
        #expect(JWSAlgorithm(for: .p384) == .es384)
        #expect(JWSAlgorithm(for: .p521) == .es512)
        #expect(JWSAlgorithm(for: .p224) == nil)
        #expect(JWSAlgorithm.rs384.signatureScheme == .rsaPKCS1v15(.sha384))
        #expect(JWSAlgorithm.es512.signatureScheme == .ecdsa(.sha512))
        #expect(JWSAlgorithm.allCases.map(\.rawValue) == ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512"])
    }

    @Test(arguments: cases)
    func keywardTokensVerifyWithCryptography(_ spec: KeySpec, _ algorithm: JWSAlgorithm) throws {
        let key = try PrivateKey.generate(spec)
        let token = try CompactJWS.sign(
            headerJSON: Self.header(algorithm),
            payloadJSON: Self.payload,
            with: key,
            algorithm: algorithm
        )
        let directory = try TemporaryDirectory()
        let publicKey = try directory.write("pub.pem", key.publicKey.pemRepresentation())
        let tokenPath = try directory.write("token", token)
        let result = try pythonCheck("jws_verify.py", [publicKey, algorithm.rawValue, tokenPath])
        #expect(result["valid"] as? Bool == true, "\(result)")
        let payload = (result["payload_b64"] as? String).flatMap { Data(base64Encoded: $0) }
        #expect(payload.map(Array.init) == Self.payload)

        let parsed = try CompactJWS(parsing: token)
        #expect(parsed.headerJSON == Self.header(algorithm))
        #expect(parsed.payloadJSON == Self.payload)
        #expect(parsed.signingInput == Array(token.split(separator: ".").prefix(2).joined(separator: ".").utf8))
        #expect(parsed.isValid(with: try key.publicKey, algorithm: algorithm))
    }

    @Test(arguments: cases)
    func cryptographyTokensVerifyWithKeyward(_ spec: KeySpec, _ algorithm: JWSAlgorithm) throws {
        let key = try PrivateKey.generate(spec)
        let directory = try TemporaryDirectory()
        let keyPath = try directory.write("key.pem", key.pkcs8PEM())
        let headerPath = try directory.write("header", Self.header(algorithm))
        let payloadPath = try directory.write("payload", Self.payload)
        let result = try pythonCheck("jws_sign.py", [keyPath, algorithm.rawValue, headerPath, payloadPath])
        let token = try #require(result["token"] as? String, "\(result)")
        let parsed = try CompactJWS(parsing: token)
        #expect(parsed.headerJSON == Self.header(algorithm))
        #expect(parsed.payloadJSON == Self.payload)
        #expect(parsed.isValid(with: try key.publicKey, algorithm: algorithm))
        let other = try PrivateKey.generate(spec == .rsa3072 ? .rsa2048 : spec)
        #expect(!parsed.isValid(with: try other.publicKey, algorithm: algorithm))
    }

    @Test(arguments: [(KeySpec.p256, JWSAlgorithm.es256, 64), (.p384, .es384, 96), (.p521, .es512, 132)])
    func ecdsaSignaturesAreFixedWidthEvenWithLeadingZeros(_ spec: KeySpec, _ algorithm: JWSAlgorithm, _ width: Int)
        throws
    {
        // About one r or s in 128 starts with a zero byte: 300 tokens exercise the padding both ways.
        let key = try PrivateKey.generate(spec)
        let publicKey = try key.publicKey
        var sawLeadingZero = false
        for index in 0..<300 {
            let token = try CompactJWS.sign(
                headerJSON: Self.header(algorithm),
                payloadJSON: Array("{\"n\":\(index)}".utf8),
                with: key,
                algorithm: algorithm
            )
            let parsed = try CompactJWS(parsing: token)
            #expect(parsed.signature.count == width)
            sawLeadingZero = sawLeadingZero || parsed.signature[0] == 0 || parsed.signature[width / 2] == 0
            #expect(parsed.isValid(with: publicKey, algorithm: algorithm))
        }
        // For P-521 the top byte of a 66-byte scalar is 0 or 1, so zeros are certain there.
        if spec == .p521 { #expect(sawLeadingZero) }
    }

    // MARK: - Tokens that must not verify

    /// A signed RS256 and a signed ES256 token, with their keys.
    struct Signed {
        let rsaKey: PrivateKey
        let ecKey: PrivateKey
        let rsaToken: String
        let ecToken: String

        init() throws {
            rsaKey = try PrivateKey.generate(.rsa2048)
            ecKey = try PrivateKey.generate(.p256)
            rsaToken = try CompactJWS.sign(
                headerJSON: JWSTests.header(.rs256),
                payloadJSON: JWSTests.payload,
                with: rsaKey,
                algorithm: .rs256
            )
            ecToken = try CompactJWS.sign(
                headerJSON: JWSTests.header(.es256),
                payloadJSON: JWSTests.payload,
                with: ecKey,
                algorithm: .es256
            )
        }
    }

    /// Replaces part `index` of a compact token with the base64url of `bytes`.
    static func replacing(part index: Int, of token: String, with bytes: [UInt8]) -> String {
        var parts = token.split(separator: ".").map(String.init)
        parts[index] = Base64URL.encode(bytes)
        return parts.joined(separator: ".")
    }

    @Test func aTamperedPayloadDoesNotVerify() throws {
        let signed = try Signed()
        let tampered = Array(#"{"sub":"admin","aud":"keyward","exp":1893456000,"name":"Zoë"}"#.utf8)
        for (token, key, algorithm) in [
            (signed.rsaToken, signed.rsaKey, JWSAlgorithm.rs256), (signed.ecToken, signed.ecKey, .es256),
        ] {
            let forged = try CompactJWS(parsing: Self.replacing(part: 1, of: token, with: tampered))
            #expect(!forged.isValid(with: try key.publicKey, algorithm: algorithm))
            let directory = try TemporaryDirectory()
            let publicKey = try directory.write("pub.pem", key.publicKey.pemRepresentation())
            let tokenPath = try directory.write("token", Self.replacing(part: 1, of: token, with: tampered))
            let result = try pythonCheck("jws_verify.py", [publicKey, algorithm.rawValue, tokenPath])
            #expect(result["valid"] == nil && (result["error"] as? String)?.contains("InvalidSignature") == true)
        }
    }

    @Test func aTamperedSignatureDoesNotVerify() throws {
        let signed = try Signed()
        for (token, key, algorithm) in [
            (signed.rsaToken, signed.rsaKey, JWSAlgorithm.rs256), (signed.ecToken, signed.ecKey, .es256),
        ] {
            let original = try CompactJWS(parsing: token)
            for position in [0, original.signature.count / 2, original.signature.count - 1] {
                var signature = original.signature
                signature[position] ^= 0x01
                let forged = try CompactJWS(parsing: Self.replacing(part: 2, of: token, with: signature))
                #expect(!forged.isValid(with: try key.publicKey, algorithm: algorithm), "byte \(position)")
            }
        }
    }

    @Test func aTokenDoesNotVerifyWithAnotherKey() throws {
        let signed = try Signed()
        let other = try Signed()
        #expect(
            !(try CompactJWS(parsing: signed.rsaToken)).isValid(with: try other.rsaKey.publicKey, algorithm: .rs256)
        )
        #expect(!(try CompactJWS(parsing: signed.ecToken)).isValid(with: try other.ecKey.publicKey, algorithm: .es256))
    }

    @Test func aTokenDoesNotVerifyUnderAnotherAlgorithm() throws {
        let signed = try Signed()
        let rsa = try CompactJWS(parsing: signed.rsaToken)
        let ec = try CompactJWS(parsing: signed.ecToken)
        // RS256 token checked as ES256, with the EC key and with its own RSA key.
        #expect(!rsa.isValid(with: try signed.ecKey.publicKey, algorithm: .es256))
        #expect(!rsa.isValid(with: try signed.rsaKey.publicKey, algorithm: .es256))
        #expect(!rsa.isValid(with: try signed.rsaKey.publicKey, algorithm: .rs384))
        #expect(!ec.isValid(with: try signed.ecKey.publicKey, algorithm: .rs256))
        #expect(!ec.isValid(with: try signed.ecKey.publicKey, algorithm: .es384))
        // ES384 with a P-256 key is refused even though ECDSA would accept the digest.
        let p256 = try PrivateKey.generate(.p256)
        #expect(throws: CryptoError.self) {
            try CompactJWS.sign(
                headerJSON: Self.header(.es384),
                payloadJSON: Self.payload,
                with: p256,
                algorithm: .es384
            )
        }
        #expect(throws: CryptoError.self) {
            try CompactJWS.sign(
                headerJSON: Self.header(.rs256),
                payloadJSON: Self.payload,
                with: p256,
                algorithm: .rs256
            )
        }
        #expect(throws: CryptoError.self) {
            try CompactJWS.sign(
                headerJSON: Self.header(.es256),
                payloadJSON: Self.payload,
                with: signed.rsaKey,
                algorithm: .es256
            )
        }
    }

    @Test func anES256SignatureOfTheWrongLengthDoesNotVerify() throws {
        let signed = try Signed()
        let key = try signed.ecKey.publicKey
        let original = try CompactJWS(parsing: signed.ecToken)
        let der = try signed.ecKey.sign(original.signingInput, scheme: .ecdsa(.sha256))
        // The same r and s as DER (what a naive signer emits) verify neither with Keyward nor with OpenSSL's DER path.
        let variants: [[UInt8]] = [
            Array(original.signature.dropLast()), original.signature + [0], [0] + original.signature,
            Array(original.signature.prefix(32)), der, original.signature + original.signature,
            [UInt8](repeating: 0, count: 64), [UInt8](repeating: 0xFF, count: 64),
        ]
        for signature in variants {
            let forged = try CompactJWS(parsing: Self.replacing(part: 2, of: signed.ecToken, with: signature))
            #expect(!forged.isValid(with: key, algorithm: .es256), "\(signature.count) bytes")
        }
        #expect(try key.isValidSignature(der, for: original.signingInput, scheme: .ecdsa(.sha256)))
    }

    @Test func aP224KeyCannotSignAJWS() throws {
        let key = try PrivateKey.generate(.p224)
        for algorithm in [JWSAlgorithm.es256, .es384, .es512, .rs256] {
            #expect(throws: CryptoError.self) {
                try CompactJWS.sign(
                    headerJSON: Self.header(algorithm),
                    payloadJSON: Self.payload,
                    with: key,
                    algorithm: algorithm
                )
            }
        }
    }

    // MARK: - Parsing

    @Test(arguments: [
        ("", "parts"), ("eyJhIjoxfQ", "parts"), ("eyJhIjoxfQ.eyJiIjoyfQ", "parts"),
        ("eyJhIjoxfQ.eyJiIjoyfQ.c2ln.c2ln", "parts"), ("eyJhIjoxfQ.eyJiIjoyfQ.c2ln.", "parts"),
        ("..", "empty"), ("eyJhIjoxfQ..c2ln", "empty"), ("eyJhIjoxfQ.eyJiIjoyfQ.", "empty"),
        (".eyJiIjoyfQ.c2ln", "empty"),
        ("eyJhIjoxfQ.eyJiIjoyfQ.c2l+", "base64url"), ("eyJhIjoxfQ.eyJiIjoyfQ.c2l/", "base64url"),
        ("eyJhIjoxfQ==.eyJiIjoyfQ.c2ln", "base64url"), ("eyJhIjoxfQ.eyJiIjoyfQ.c2ln=", "base64url"),
        ("eyJhIjoxfQ.eyJiIj oyfQ.c2ln", "base64url"), ("eyJhIjoxfQ.eyJiIjoyfQ.c2lnA", "base64url"),
        ("eyJhIjoxfQ.eyJiIjoyfQ.c2ln\n", "base64url"), ("éyJhIjoxfQ.eyJiIjoyfQ.c2ln", "base64url"),
    ])
    func malformedTokensAreRefused(_ token: String, _ reasonWord: String) {
        do {
            _ = try CompactJWS(parsing: token)
            Issue.record("accepted \(token)")
        } catch {
            guard case .malformedInput(let format, let reason) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(format == "JWS")
            #expect(reason.contains(reasonWord), "\(reason)")
        }
    }

    @Test func tokensOver16KiBAreRefused() throws {
        let key = try PrivateKey.generate(.p256)
        let fits = try CompactJWS.sign(
            headerJSON: Self.header(.es256),
            payloadJSON: Array(repeating: UInt8(ascii: "a"), count: 12_000),
            with: key,
            algorithm: .es256
        )
        #expect(fits.utf8.count <= 16 * 1024)
        #expect(try CompactJWS(parsing: fits).isValid(with: key.publicKey, algorithm: .es256))
        let tooLong = try CompactJWS.sign(
            headerJSON: Self.header(.es256),
            payloadJSON: Array(repeating: UInt8(ascii: "a"), count: 12_400),
            with: key,
            algorithm: .es256
        )
        #expect(tooLong.utf8.count > 16 * 1024)
        #expect(throws: CryptoError.malformedInput(format: "JWS", reason: "longer than 16384 bytes")) {
            try CompactJWS(parsing: tooLong)
        }
    }
}
