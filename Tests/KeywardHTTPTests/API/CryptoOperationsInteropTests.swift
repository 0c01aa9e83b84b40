import Foundation
import KeywardCore
import KeywardTestSupport
import Testing

@testable import KeywardCrypto
@testable import KeywardHTTP

/// `/signings`, `/verifications`, `/encryptions`, `/decryptions` against Python `cryptography`,
/// for every algorithm and key size (RSA-7680 left out for time).
@Suite("Cryptographic operations interoperate with cryptography", .serialized)
struct CryptoOperationsInteropTests {
    nonisolated(unsafe) static let server = sharedServer()
    nonisolated(unsafe) static let api = sharedClient(server)
    static let message = Array("Keyward signs what applications ask it to sign.".utf8)

    @Test(arguments: [KeySpec.rsa2048, .rsa3072, .rsa4096, .p256, .p384, .p521])
    func keywardSignaturesVerifyWithCryptographyAndTheReverse(_ spec: KeySpec) throws {
        let key = try Self.api.importKey(spec, usageType: "SIGNING", in: Self.server.a)
        let messagePath = try key.files.write("message.bin", Self.message)
        for algorithm in signingAlgorithms(for: spec) {
            let (scheme, hash) = pythonScheme(algorithm)
            // Keyward signs, cryptography verifies.
            let signed = try Self.api.operation(
                "signings",
                in: Self.server.a,
                ["key": ["id": key.id], "algorithm": algorithm.rawValue, "plainText": base64(Self.message)]
            )
            #expect(signed.status == 200, "\(algorithm.rawValue): \(text(signed))")
            let answer = try object(signed)
            #expect(answer["algorithm"] as? String == algorithm.rawValue)
            #expect((answer["key"] as? [String: Any])?["id"] as? String == key.id)
            var signature = bytes(answer, "signature")
            if algorithm.usesRawECDSASignature {
                #expect(signature.count == 2 * spec.coordinateWidth, "\(algorithm.rawValue) is r || s")
                signature = try ECDSASignatureCoding.der(fromRaw: signature)
            }
            let signaturePath = try key.files.write("signature.bin", signature)
            let verified = try pythonCheck(
                "verify_signature.py",
                [key.certificatePath, scheme, hash, messagePath, signaturePath]
            )
            #expect(verified["valid"] as? Bool == true, "\(algorithm.rawValue) \(spec.displayName): \(verified)")

            // cryptography signs, Keyward verifies (message and precomputed digest).
            let pythonSigned = try pythonCheck("sign.py", [key.keyPath, scheme, hash, messagePath])
            var theirs = Array(Data(base64Encoded: pythonSigned["signature"] as? String ?? "") ?? Data())
            if algorithm.usesRawECDSASignature {
                theirs = try ECDSASignatureCoding.raw(fromDER: theirs, width: spec.coordinateWidth)
            }
            for input in [
                ["plainText": base64(Self.message)], ["digest": base64(try algorithm.digest.hash(Self.message))],
            ] {
                var body: [String: Any] = ["key": ["id": key.id], "algorithm": algorithm.rawValue]
                body["signature"] = base64(theirs)
                body.merge(input) { $1 }
                let verification = try Self.api.operation("verifications", in: Self.server.a, body)
                #expect(verification.status == 200, "\(text(verification))")
                #expect(try object(verification)["valid"] as? Bool == true, "\(algorithm.rawValue) \(input.keys)")
            }
        }
    }

    @Test func aDigestIsSignedAsTheMessageItHashes() throws {
        let key = try Self.api.importKey(.p256, usageType: "SIGNING", in: Self.server.a)
        let digest = try DigestAlgorithm.sha384.hash(Self.message)
        let signed = try Self.api.operation(
            "signings",
            in: Self.server.a,
            ["key": ["id": key.id], "algorithm": "SHA384withECDSA", "digest": base64(digest)]
        )
        #expect(signed.status == 200, "\(text(signed))")
        let signature = bytes(try object(signed), "signature")
        #expect(try key.privateKey.publicKey.isValidSignature(signature, for: Self.message, scheme: .ecdsa(.sha384)))
    }

    @Test func withoutAnAlgorithmTheKeysOwnSignatureAlgorithmIsUsed() throws {
        let key = try Self.api.importKey(.rsa2048, usageType: "SIGNING", in: Self.server.a)
        let signed = try Self.api.operation(
            "signings",
            in: Self.server.a,
            ["key": ["id": key.id], "plainText": base64(Self.message)]
        )
        #expect(signed.status == 200, "\(text(signed))")
        #expect(try object(signed)["algorithm"] as? String == "SHA256withRSA")
    }

    @Test(arguments: [KeySpec.rsa2048, .rsa3072, .rsa4096])
    func cryptographyEncryptsKeywardDecryptsAndTheReverse(_ spec: KeySpec) throws {
        let key = try Self.api.importKey(spec, usageType: "ENCRYPTION", in: Self.server.a)
        let secret = Array("a data key for the application".utf8)
        let plainPath = try key.files.write("plain.bin", secret)
        let encrypted = try pythonCheck("oaep_encrypt.py", [key.certificatePath, plainPath])
        let decrypted = try Self.api.operation(
            "decryptions",
            in: Self.server.a,
            ["key": ["id": key.id], "cipherText": encrypted["ciphertext"] as? String ?? ""]
        )
        #expect(decrypted.status == 200, "\(text(decrypted))")
        #expect(bytes(try object(decrypted), "plainText") == secret)
        #expect(try object(decrypted)["algorithm"] as? String == "RSA-OAEP-256")

        let ours = try Self.api.operation(
            "encryptions",
            in: Self.server.a,
            ["key": ["id": key.id], "plainText": base64(secret)]
        )
        #expect(ours.status == 200, "\(text(ours))")
        #expect(try object(ours)["algorithm"] as? String == "RSA-OAEP-256")
        let cipherText = bytes(try object(ours), "cipherText")
        #expect(cipherText.count == spec.keyLength / 8)
        let cipherPath = try key.files.write("cipher.bin", cipherText)
        let opened = try pythonCheck("oaep_decrypt.py", [key.keyPath, cipherPath])
        #expect(opened["plaintext"] as? String == base64(secret))
    }

    @Test(arguments: [KeySpec.rsa2048, .rsa4096])
    func largePlaintextsTravelInTheVersionedEnvelope(_ spec: KeySpec) throws {
        let key = try Self.api.importKey(spec, usageType: "ENCRYPTION", in: Self.server.a)
        let plaintext = try SecureRandom.bytes(count: 100_000)
        let encrypted = try Self.api.operation(
            "encryptions",
            in: Self.server.a,
            ["key": ["id": key.id], "plainText": base64(plaintext)]
        )
        #expect(encrypted.status == 200, "\(text(encrypted))")
        #expect(try object(encrypted)["algorithm"] as? String == "RSA-OAEP-256+A256GCM")
        let envelope = bytes(try object(encrypted), "cipherText")
        try #require(envelope.count > 3 + spec.keyLength / 8)
        // Byte by byte, as docs/api.md documents it.
        let k = spec.keyLength / 8
        #expect(envelope.count == 1 + 2 + k + 12 + plaintext.count + 16)
        #expect(envelope[0] == 0x01)
        #expect(Int(envelope[1]) << 8 | Int(envelope[2]) == k)
        let header = Array(envelope[0..<(3 + k)])
        let dataKey = try key.privateKey.decryptOAEP(Array(header[3...]))
        #expect(dataKey.count == 32)
        #expect(try AESGCM.open(Array(envelope[(3 + k)...]), key: dataKey, associatedData: header) == plaintext)

        let decrypted = try Self.api.operation(
            "decryptions",
            in: Self.server.a,
            ["key": ["id": key.id], "cipherText": base64(envelope), "algorithm": "RSA-OAEP-256+A256GCM"]
        )
        #expect(decrypted.status == 200, "\(text(decrypted))")
        #expect(bytes(try object(decrypted), "plainText") == plaintext)
        #expect(try object(decrypted)["algorithm"] as? String == "RSA-OAEP-256+A256GCM")
    }

    @Test func theEnvelopeCanBeAskedForASmallPlaintextToo() throws {
        let key = try Self.api.importKey(.rsa2048, usageType: "ENCRYPTION", in: Self.server.a)
        let encrypted = try Self.api.operation(
            "encryptions",
            in: Self.server.a,
            ["key": ["id": key.id], "plainText": base64([1, 2, 3]), "algorithm": "RSA-OAEP-256+A256GCM"]
        )
        let envelope = bytes(try object(encrypted), "cipherText")
        #expect(try object(encrypted)["algorithm"] as? String == "RSA-OAEP-256+A256GCM")
        #expect(envelope.count == 256 + 31 + 3)
        let decrypted = try Self.api.operation(
            "decryptions",
            in: Self.server.a,
            ["key": ["id": key.id], "cipherText": base64(envelope)]
        )
        #expect(bytes(try object(decrypted), "plainText") == [1, 2, 3])
    }

    @Test func anAlteredEnvelopeDoesNotDecrypt() throws {
        let key = try Self.api.importKey(.rsa2048, usageType: "ENCRYPTION", in: Self.server.a)
        var envelope = try EncryptionEnvelope.seal(Array(repeating: 7, count: 500), for: key.privateKey.publicKey)
        envelope[envelope.count - 20] ^= 0x01
        let decrypted = try Self.api.operation(
            "decryptions",
            in: Self.server.a,
            ["key": ["id": key.id], "cipherText": base64(envelope)]
        )
        expectInvalidData(decrypted, "INVALID_VALUE", target: "cipherText")
    }

    @Test(arguments: ["rsa2048", "p256", "p384", "p521"])
    func negativeVectorsAreAllInvalid(_ kind: String) throws {
        let vectors = try pythonCheck("negative_vectors.py", [kind])
        let main = try PublicKey(parsing: Array((vectors["public_key_pem"] as? String ?? "").utf8))
        let other = try PublicKey(parsing: Array((vectors["other_public_key_pem"] as? String ?? "").utf8))
        let ids = [
            "main": try Self.api.uploadCertificate(for: main, in: Self.server.a),
            "other": try Self.api.uploadCertificate(for: other, in: Self.server.a),
        ]
        let algorithm = kind == "rsa2048" ? "SHA256withRSA" : "SHA256withECDSA"
        let cases = vectors["cases"] as? [[String: Any]] ?? []
        #expect(cases.count >= 7)
        for vector in cases {
            let name = vector["name"] as? String ?? ""
            let response = try Self.api.operation(
                "verifications",
                in: Self.server.a,
                [
                    "certificate": ["id": ids[vector["public_key"] as? String ?? ""] ?? ""],
                    "algorithm": algorithm,
                    "plainText": vector["message_b64"] as? String ?? "",
                    "signature": vector["signature_b64"] as? String ?? "",
                ]
            )
            if (vector["signature_b64"] as? String ?? "").isEmpty {
                // An empty signature is a missing one here: refused by the base64 rule or valid:false.
                #expect([200, 400].contains(response.status), "\(name): \(text(response))")
                continue
            }
            #expect(response.status == 200, "\(name): \(text(response))")
            let expected = vector["expected_valid"] as? Bool ?? false
            #expect(try object(response)["valid"] as? Bool == expected, "\(kind) \(name)")
            #expect((try object(response)["certificate"] as? [String: Any])?["id"] != nil)
        }
    }

    @Test func garbageSignaturesAreInvalidNotErrors() throws {
        let key = try Self.api.importKey(.p384, usageType: "SIGNING", in: Self.server.a)
        for (algorithm, signature) in [
            ("SHA256withECDSA", [UInt8](repeating: 0x30, count: 20)), ("ES384", [UInt8](repeating: 1, count: 96)),
            ("ES384", [UInt8](repeating: 1, count: 95)), ("SHA512withECDSA", try SecureRandom.bytes(count: 5000)),
        ] {
            let response = try Self.api.operation(
                "verifications",
                in: Self.server.a,
                [
                    "key": ["id": key.id], "algorithm": algorithm, "plainText": base64(Self.message),
                    "signature": base64(signature),
                ]
            )
            #expect(response.status == 200, "\(text(response))")
            #expect(try object(response)["valid"] as? Bool == false)
        }
    }
}
