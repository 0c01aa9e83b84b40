import Foundation
import KeywardCrypto
import KeywardTestSupport
import Testing

@Suite struct SigningTests {
    static let cases: [(KeySpec, SignatureScheme)] = [
        (.rsa2048, .rsaPKCS1v15(.sha256)), (.rsa2048, .rsaPKCS1v15(.sha384)), (.rsa3072, .rsaPKCS1v15(.sha512)),
        (.rsa2048, .rsaPSS(.sha256)), (.rsa2048, .rsaPSS(.sha384)), (.rsa2048, .rsaPSS(.sha512)),
        (.p224, .ecdsa(.sha256)), (.p256, .ecdsa(.sha256)), (.p384, .ecdsa(.sha384)), (.p521, .ecdsa(.sha512)),
    ]

    static func schemeArguments(_ scheme: SignatureScheme) -> [String] {
        switch scheme {
        case .rsaPKCS1v15(let digest): ["pkcs1v15", digest.rawValue.lowercased()]
        case .rsaPSS(let digest): ["pss", digest.rawValue.lowercased()]
        case .ecdsa(let digest): ["ecdsa", digest.rawValue.lowercased()]
        }
    }

    @Test(arguments: cases)
    func keywardSignaturesVerifyWithCryptography(_ spec: KeySpec, _ scheme: SignatureScheme) throws {
        let key = try PrivateKey.generate(spec)
        let message = Array("payload for \(spec)".utf8)
        let signature = try key.sign(message, scheme: scheme)
        let directory = try TemporaryDirectory()
        let publicKey = try directory.write("pub.pem", key.publicKey.pemRepresentation())
        let messagePath = try directory.write("message", message)
        let signaturePath = try directory.write("signature", signature)
        let result = try pythonCheck(
            "verify_signature.py",
            [publicKey] + Self.schemeArguments(scheme) + [messagePath, signaturePath]
        )
        #expect(result["valid"] as? Bool == true)
        #expect(try key.publicKey.isValidSignature(signature, for: message, scheme: scheme))
    }

    @Test(arguments: cases)
    func cryptographySignaturesVerifyWithKeyward(_ spec: KeySpec, _ scheme: SignatureScheme) throws {
        let key = try PrivateKey.generate(spec)
        let directory = try TemporaryDirectory()
        let keyPath = try directory.write("key.pem", key.pkcs8PEM())
        let message = Array("signed by cryptography".utf8)
        let messagePath = try directory.write("message", message)
        let result = try pythonCheck("sign.py", [keyPath] + Self.schemeArguments(scheme) + [messagePath])
        let signature = try #require((result["signature"] as? String).flatMap { Data(base64Encoded: $0) })
        #expect(try key.publicKey.isValidSignature(Array(signature), for: message, scheme: scheme))
        #expect(try !key.publicKey.isValidSignature(Array(signature), for: message + [0], scheme: scheme))
    }

    @Test func opensslVerifiesAKeywardSignatureOverAPrecomputedDigest() throws {
        let key = try PrivateKey.generate(.p256)
        let message = Array("digest me".utf8)
        let signature = try key.sign(digest: DigestAlgorithm.sha256.hash(message), scheme: .ecdsa(.sha256))
        let directory = try TemporaryDirectory()
        let publicKey = try directory.write("pub.pem", key.publicKey.pemRepresentation())
        let signaturePath = try directory.write("sig", signature)
        let messagePath = try directory.write("msg", message)
        let result = try openssl("dgst", "-sha256", "-verify", publicKey, "-signature", signaturePath, messagePath)
        #expect(result.standardOutput.contains("Verified OK"))
    }

    @Test(arguments: ["rsa2048", "p256", "p384", "p521"])
    func negativeVectorsFromCryptographyAreAllInvalid(_ keyType: String) throws {
        let vectors = try pythonCheck("negative_vectors.py", [keyType])
        let main = try PublicKey(parsing: Array(try #require(vectors["public_key_pem"] as? String).utf8))
        let other = try PublicKey(parsing: Array(try #require(vectors["other_public_key_pem"] as? String).utf8))
        let scheme: SignatureScheme =
            vectors["scheme"] as? String == "pkcs1v15" ? .rsaPKCS1v15(.sha256) : .ecdsa(.sha256)
        let cases = try #require(vectors["cases"] as? [[String: Any]])
        #expect(cases.count >= 7)
        for vector in cases {
            let name = vector["name"] as? String ?? "?"
            let message = try #require((vector["message_b64"] as? String).flatMap { Data(base64Encoded: $0) })
            let signature = try #require((vector["signature_b64"] as? String).flatMap { Data(base64Encoded: $0) })
            let key = vector["public_key"] as? String == "other" ? other : main
            let expected = try #require(vector["expected_valid"] as? Bool)
            let valid = try key.isValidSignature(Array(signature), for: Array(message), scheme: scheme)
            #expect(valid == expected, "\(keyType): \(name)")
        }
    }

    @Test func schemeOfTheWrongKeyFamilyIsRefused() throws {
        let key = try PrivateKey.generate(.p256)
        #expect(throws: CryptoError.self) { try key.sign(Array("x".utf8), scheme: .rsaPKCS1v15(.sha256)) }
        #expect(throws: CryptoError.self) { try key.sign(digest: [1, 2, 3], scheme: .ecdsa(.sha256)) }
    }
}

@Suite struct EncryptionTests {
    @Test(arguments: [KeySpec.rsa2048, .rsa3072])
    func cryptographyEncryptsAndKeywardDecrypts(_ spec: KeySpec) throws {
        let key = try PrivateKey.generate(spec)
        let directory = try TemporaryDirectory()
        let publicKey = try directory.write("pub.pem", key.publicKey.pemRepresentation())
        let plaintext = try SecureRandom.bytes(count: try key.publicKey.maximumOAEPPlaintextLength)
        let result = try pythonCheck("oaep_encrypt.py", [publicKey, try directory.write("plain", plaintext)])
        let ciphertext = try #require((result["ciphertext"] as? String).flatMap { Data(base64Encoded: $0) })
        #expect(try key.decryptOAEP(Array(ciphertext)) == plaintext)
    }

    @Test func keywardEncryptsAndCryptographyDecrypts() throws {
        let key = try PrivateKey.generate(.rsa2048)
        let plaintext = Array("a data key, 32 bytes long.......".utf8)
        let ciphertext = try key.publicKey.encryptOAEP(plaintext)
        let directory = try TemporaryDirectory()
        let keyPath = try directory.write("key.pem", key.pkcs8PEM())
        let result = try pythonCheck("oaep_decrypt.py", [keyPath, try directory.write("ct", ciphertext)])
        #expect((result["plaintext"] as? String).flatMap { Data(base64Encoded: $0) } == Data(plaintext))
    }

    @Test func oversizeOrTamperedOAEPInputIsRefused() throws {
        let key = try PrivateKey.generate(.rsa2048)
        let limit = try key.publicKey.maximumOAEPPlaintextLength
        #expect(limit == 190)
        #expect(throws: CryptoError.self) { try key.publicKey.encryptOAEP([UInt8](repeating: 1, count: limit + 1)) }
        var ciphertext = try key.publicKey.encryptOAEP([1, 2, 3])
        ciphertext[10] ^= 1
        #expect(throws: CryptoError.authenticationFailed) { try key.decryptOAEP(ciphertext) }
        #expect(throws: CryptoError.self) { try PrivateKey.generate(.p256).decryptOAEP(ciphertext) }
    }

    @Test func aesGCMOpensWhatItSealsAndNothingElse() throws {
        let key = try SecureRandom.bytes(count: 32)
        let plaintext = Array("private key bytes".utf8)
        let sealed = try AESGCM.seal(plaintext, key: key, associatedData: Array("record-1".utf8))
        #expect(sealed.count == 12 + plaintext.count + 16)
        #expect(try AESGCM.open(sealed, key: key, associatedData: Array("record-1".utf8)) == plaintext)
        #expect(throws: CryptoError.authenticationFailed) {
            try AESGCM.open(sealed, key: key, associatedData: Array("record-2".utf8))
        }
        var altered = sealed
        altered[14] ^= 0x01
        #expect(throws: CryptoError.authenticationFailed) {
            try AESGCM.open(altered, key: key, associatedData: Array("record-1".utf8))
        }
        #expect(throws: CryptoError.authenticationFailed) {
            try AESGCM.open(sealed, key: try SecureRandom.bytes(count: 32), associatedData: Array("record-1".utf8))
        }
        #expect(throws: CryptoError.authenticationFailed) { try AESGCM.open([1, 2, 3], key: key) }
        #expect(try AESGCM.open(AESGCM.seal([], key: key), key: key) == [])
    }

    @Test func aesGCMOutputIsReadableByCryptography() throws {
        let key = try SecureRandom.bytes(count: 32)
        let sealed = try AESGCM.seal(Array("interop".utf8), key: key, associatedData: Array("aad".utf8))
        let script = """
            import sys, binascii
            from cryptography.hazmat.primitives.ciphers.aead import AESGCM
            key, sealed = binascii.unhexlify(sys.argv[1]), binascii.unhexlify(sys.argv[2])
            print(AESGCM(key).decrypt(sealed[:12], sealed[12:], b"aad").decode())
            """
        let hex = { (bytes: [UInt8]) in bytes.map { String(format: "%02x", $0) }.joined() }
        let result = try runCommand(venvPython, ["-c", script, hex(key), hex(sealed)])
        #expect(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "interop")
    }

    @Test func digestsMatchOpenssl() throws {
        let data = Array("abc".utf8)
        let hex = { (bytes: [UInt8]) in bytes.map { String(format: "%02x", $0) }.joined() }
        #expect(
            hex(try DigestAlgorithm.sha256.hash(data))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        )
        let sha512 = try openssl("dgst", "-sha512", "-r", input: Data(data))
        #expect(sha512.standardOutput.hasPrefix(hex(try DigestAlgorithm.sha512.hash(data))))
    }
}
