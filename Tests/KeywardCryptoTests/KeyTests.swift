import Foundation
import KeywardCrypto
import KeywardTestSupport
import Testing

@Suite struct KeyTests {
    static let fastSpecs: [KeySpec] = [.rsa2048, .rsa3072, .p224, .p256, .p384, .p521]

    @Test(arguments: fastSpecs)
    func generatedKeyHasItsSpecAndOpensslAndCryptographyReadItsPKCS8(_ spec: KeySpec) throws {
        let key = try PrivateKey.generate(spec)
        #expect(key.spec == spec)
        let directory = try TemporaryDirectory()
        let path = try directory.write("key.der", key.pkcs8DER())
        let info = try pythonCheck("key_info.py", [path])
        #expect(info["private"] as? Bool == true)
        #expect(info["type"] as? String == spec.algorithm.rawValue)
        if spec.algorithm == .rsa {
            #expect(info["bits"] as? Int == spec.keyLength)
        } else {
            let curves: [KeySpec: String] = [
                .p224: "secp224r1", .p256: "secp256r1", .p384: "secp384r1", .p521: "secp521r1",
            ]
            #expect(info["curve"] as? String == curves[spec])
        }
        try openssl("pkey", "-in", path, "-inform", "DER", "-check", "-noout")
        let reread = try PrivateKey(parsing: Array(key.pkcs8PEM().utf8))
        #expect(try reread.publicKey == key.publicKey)
    }

    @Test(arguments: [KeySpec.rsa4096, .rsa7680])
    func largeRSAKeysGenerate(_ spec: KeySpec) throws {
        let key = try PrivateKey.generate(spec)
        #expect(key.spec == spec)
        let text = try openssl("pkey", "-noout", "-text", input: Data(key.pkcs8PEM().utf8))
        #expect(text.standardOutput.contains("(\(spec.keyLength) bit"))
    }

    @Test(arguments: [
        "pem/rsa2048-pkcs8.pem", "der/rsa2048-pkcs8.der", "pem/rsa2048-pkcs1.pem", "der/rsa2048-pkcs1.der",
        "pem/p256-pkcs8.pem", "der/p256-pkcs8.der", "pem/p256-sec1.pem", "der/p256-sec1.der", "pem/p224-sec1.pem",
        "pem/p384-pkcs8.pem", "der/p384-sec1.der", "pem/p521-sec1.pem", "der/p521-pkcs8.der",
    ])
    func privateKeysInEveryFormOpensslWritesAreRead(_ path: String) throws {
        let key = try PrivateKey(parsing: fixture(path))
        let info = try pythonCheck("key_info.py", [fixturePath(path)])
        #expect(info["type"] as? String == key.spec.algorithm.rawValue)
    }

    @Test(arguments: [
        "pem/rsa2048-pkcs8-encrypted.pem", "der/rsa2048-pkcs8-encrypted.der", "pem/rsa2048-pkcs1-encrypted.pem",
        "pem/p256-sec1-encrypted.pem", "pem/p256-pkcs8-encrypted.pem",
    ])
    func encryptedPrivateKeysAreRefusedAsEncrypted(_ path: String) throws {
        #expect(throws: CryptoError.encryptedPrivateKey) { try PrivateKey(parsing: fixture(path)) }
    }

    @Test(arguments: ["pem/ed25519-pkcs8.pem", "pem/rsa1024-pkcs8.pem", "pem/secp256k1-pkcs8.pem"])
    func unsupportedKeyTypesAreRefusedByName(_ path: String) throws {
        #expect {
            try PrivateKey(parsing: fixture(path))
        } throws: { error in
            guard case CryptoError.unsupportedAlgorithm = error else { return false }
            return true
        }
    }

    @Test(arguments: [
        "broken/empty.bin", "broken/rsa2048-pkcs8-truncated.der", "broken/random-4k.bin", "certs/leaf.pem",
        "pem/rsa2048-spki.pem",
    ])
    func brokenOrWrongInputIsMalformedPrivateKey(_ path: String) throws {
        #expect {
            try PrivateKey(parsing: fixture(path))
        } throws: { error in
            guard case CryptoError.malformedInput = error else { return false }
            return true
        }
    }

    @Test func oversizedInputIsRefusedBeforeParsing() throws {
        #expect(throws: CryptoError.inputTooLarge(format: "private key", limit: InputLimits.maximumBytes)) {
            try PrivateKey(parsing: fixture("broken/oversized-1mib.pem"))
        }
    }

    @Test(arguments: ["pem/rsa2048-spki.pem", "der/rsa2048-spki.der", "pem/p256-spki.pem", "der/p521-spki.der"])
    func publicKeysInPEMAndDERAreRead(_ path: String) throws {
        let key = try PublicKey(parsing: fixture(path))
        let info = try pythonCheck("key_info.py", [fixturePath(path)])
        #expect(info["private"] as? Bool == false)
        #expect(info["type"] as? String == key.spec.algorithm.rawValue)
        #expect(try PublicKey(parsing: key.derRepresentation()) == key)
    }

    @Test func privateKeyMatchesOnlyItsOwnCertificate() throws {
        let leafKey = try PrivateKey(parsing: fixture("certs/leaf.key"))
        let leaf = try Certificate(parsing: fixture("certs/leaf.pem"))
        let root = try Certificate(parsing: fixture("certs/root-ca.pem"))
        #expect(leafKey.matches(leaf))
        #expect(!leafKey.matches(root))
    }

    @Test func errorsNeverCarryKeyMaterial() throws {
        let pem = try fixture("pem/rsa2048-pkcs8.pem")
        var broken = pem
        broken[broken.count / 2] ^= 0x55
        do {
            _ = try PrivateKey(parsing: broken)
        } catch {
            let description = String(describing: error)
            let body = String(decoding: pem, as: UTF8.self).split(separator: "\n")[1]
            #expect(!description.contains(body))
        }
    }
}
