import Foundation
import KeywardCrypto
import KeywardTestSupport
import Testing

@Suite struct SecretHashTests {
    /// Low on purpose: the tests check the format and the comparison, not the cost.
    static let fastIterations = 1_000

    @Test func aHashVerifiesOnlyTheSecretItWasMadeFrom() throws {
        let encoded = try SecretHash.make(secret: "correct horse", iterations: Self.fastIterations)
        #expect(SecretHash.verify("correct horse", against: encoded))
        #expect(!SecretHash.verify("correct horse ", against: encoded))
        #expect(!SecretHash.verify("Correct horse", against: encoded))
        #expect(!SecretHash.verify("", against: encoded))
    }

    @Test func theEncodingNamesTheSchemeIterationsA16ByteSaltAndA32ByteHash() throws {
        let encoded = try SecretHash.make(secret: "s", iterations: 1234)
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false)
        #expect(parts.count == 4)
        #expect(parts[0] == "pbkdf2-sha256")
        #expect(parts[1] == "1234")
        #expect(Base64URL.decode(parts[2])?.count == 16)
        #expect(Base64URL.decode(parts[3])?.count == 32)
    }

    @Test func twoHashesOfOneSecretDifferByTheirSalt() throws {
        let first = try SecretHash.make(secret: "same", iterations: Self.fastIterations)
        let second = try SecretHash.make(secret: "same", iterations: Self.fastIterations)
        #expect(first != second)
        #expect(SecretHash.verify("same", against: first) && SecretHash.verify("same", against: second))
    }

    @Test(arguments: ["plain secret", "", "ünïcödé 🔑", String(repeating: "x", count: 1000)])
    func hashlibComputesTheSameHash(_ secret: String) throws {
        let encoded = try SecretHash.make(secret: secret, iterations: 2_000)
        let result = try pythonCheck("pbkdf2.py", [encoded, secret])
        #expect(result["matches"] as? Bool == true, "\(result)")
        #expect(result["iterations"] as? Int == 2_000)
        #expect(result["salt_bytes"] as? Int == 16)
        #expect(SecretHash.verify(secret, against: encoded))
    }

    @Test func theDefaultIs600000IterationsAndHashlibAgrees() throws {
        #expect(SecretHash.defaultIterations == 600_000)
        let encoded = try SecretHash.make(secret: "default cost")
        #expect(encoded.hasPrefix("pbkdf2-sha256$600000$"))
        #expect(SecretHash.verify("default cost", against: encoded))
        let result = try pythonCheck("pbkdf2.py", [encoded, "default cost"])
        #expect(result["matches"] as? Bool == true, "\(result)")
    }

    @Test func aHashFromHashlibWithAKnownSaltVerifies() throws {
        // hashlib.pbkdf2_hmac("sha256", b"password", b"0123456789abcdef", 1000).hex(), computed outside.
        let salt = Base64URL.encode(Array("0123456789abcdef".utf8))
        let hash = try #require(Self.bytes(hex: "8514638175a45bc45eb1f22f04ff7d27f4f8be480498c455ff4b494ce8d1e7d2"))
        let encoded = "pbkdf2-sha256$1000$\(salt)$\(Base64URL.encode(hash))"
        let result = try pythonCheck("pbkdf2.py", [encoded, "password"])
        #expect(result["matches"] as? Bool == true, "\(result)")
        #expect(SecretHash.verify("password", against: encoded))
        #expect(!SecretHash.verify("passwore", against: encoded))
    }

    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        return stride(from: 0, to: digits.count, by: 2).compactMap {
            UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)
        }
    }

    /// Each is a valid `pbkdf2-sha256$1000$…` record for "s" with one thing broken.
    static func malformedEncodings() throws -> [String] {
        let valid = try SecretHash.make(secret: "s", iterations: fastIterations)
        let parts = valid.split(separator: "$").map(String.init)
        let (salt, hash) = (parts[2], parts[3])
        return [
            "", "$$$", "s", valid + "$", "$" + valid, valid.replacingOccurrences(of: "$", with: ":"),
            "pbkdf2-sha512$1000$\(salt)$\(hash)", "PBKDF2-SHA256$1000$\(salt)$\(hash)",
            "pbkdf2-sha256$$\(salt)$\(hash)", "pbkdf2-sha256$01000$\(salt)$\(hash)",
            "pbkdf2-sha256$+1000$\(salt)$\(hash)", "pbkdf2-sha256$1e3$\(salt)$\(hash)",
            "pbkdf2-sha256$1000$$\(hash)", "pbkdf2-sha256$1000$\(salt)$", "pbkdf2-sha256$1000$\(salt)=$\(hash)",
            "pbkdf2-sha256$1000$\(salt)$\(hash)==", "pbkdf2-sha256$1000$\(salt)$\(hash.dropLast(2))",
            "pbkdf2-sha256$1000$\(salt)$\(hash)AAAA",
            "pbkdf2-sha256$1000$\(salt.replacingOccurrences(of: "_", with: "/"))+$\(hash)",
            "pbkdf2-sha256$1000$\(salt)$\(hash)" + String(repeating: "A", count: 300),
        ]
    }

    @Test func malformedEncodingsAreFalseNotErrors() throws {
        for encoded in try Self.malformedEncodings() {
            #expect(!SecretHash.verify("s", against: encoded), "\(encoded)")
        }
    }

    @Test(arguments: ["0", "-1", "10000001", "99999999", "999999999999999999999999", "9223372036854775808"])
    func absurdIterationCountsAreRefusedWithoutRunning(_ iterations: String) throws {
        let valid = try SecretHash.make(secret: "s", iterations: Self.fastIterations)
        let parts = valid.split(separator: "$").map(String.init)
        let encoded = "pbkdf2-sha256$\(iterations)$\(parts[2])$\(parts[3])"
        // Refused while parsing; were it run, 99,999,999 iterations would hold this test for a minute.
        #expect(!SecretHash.verify("s", against: encoded))
    }

    @Test(arguments: [0, -5, 10_000_001, Int.max])
    func makeRefusesIterationCountsOutOfBounds(_ iterations: Int) {
        #expect(throws: CryptoError.self) { try SecretHash.make(secret: "s", iterations: iterations) }
    }
}
