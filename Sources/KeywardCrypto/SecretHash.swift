import COpenSSL

/// Salted slow hashes of client secrets: PBKDF2-HMAC-SHA256 (OpenSSL `PKCS5_PBKDF2_HMAC`),
/// a 16-byte random salt and a 32-byte output.
///
/// Encoded as `pbkdf2-sha256$<iterations>$<salt base64url>$<hash base64url>`, so the iteration
/// count travels with each record and can be raised for new secrets without breaking old ones.
public enum SecretHash {
    /// OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.
    public static let defaultIterations = 600_000

    /// The iteration counts `make` accepts and `verify` will run; the upper bound keeps a corrupt
    /// or hostile record from holding a request thread for minutes.
    static let allowedIterations = 1...10_000_000
    static let scheme = "pbkdf2-sha256"
    static let saltLength = 16
    static let hashLength = 32
    /// Longer encodings are malformed: the real ones are about 90 characters.
    static let maximumEncodedLength = 256

    /// Hashes `secret` (its UTF-8 bytes) with a fresh random salt.
    public static func make(secret: String, iterations: Int = defaultIterations) throws(CryptoError) -> String {
        guard allowedIterations.contains(iterations) else {
            throw .invalidArgument(
                name: "iterations",
                reason: "must be in \(allowedIterations.lowerBound)...\(allowedIterations.upperBound)"
            )
        }
        let salt = try SecureRandom.bytes(count: saltLength)
        let hash = try derive(secret: secret, salt: salt, iterations: iterations)
        return "\(scheme)$\(iterations)$\(Base64URL.encode(salt))$\(Base64URL.encode(hash))"
    }

    /// True only when `encoded` is a well-formed hash of `secret`. The comparison is constant-time
    /// (`CRYPTO_memcmp`); a malformed encoding or an iteration count out of bounds is simply false.
    public static func verify(_ secret: String, against encoded: String) -> Bool {
        guard let record = Record(encoded),
            let candidate = try? derive(secret: secret, salt: record.salt, iterations: record.iterations)
        else { return false }
        return CRYPTO_memcmp(candidate, record.hash, hashLength) == 0
    }

    static func derive(secret: String, salt: [UInt8], iterations: Int) throws(CryptoError) -> [UInt8] {
        let password = Array(secret.utf8)
        var output = [UInt8](repeating: 0, count: hashLength)
        let result = password.withUnsafeBufferPointer { passwordBuffer in
            passwordBuffer.withMemoryRebound(to: CChar.self) { passwordChars in
                PKCS5_PBKDF2_HMAC(
                    passwordChars.baseAddress,
                    Int32(passwordChars.count),
                    salt,
                    Int32(salt.count),
                    Int32(iterations),
                    EVP_sha256(),
                    Int32(hashLength),
                    &output
                )
            }
        }
        try ensure(result, "PKCS5_PBKDF2_HMAC")
        return output
    }

    /// The parts of an encoded hash; `nil` for anything not exactly in the documented form.
    struct Record {
        let iterations: Int
        let salt: [UInt8]
        let hash: [UInt8]

        init?(_ encoded: String) {
            guard encoded.utf8.count <= maximumEncodedLength else { return nil }
            let parts = encoded.split(separator: "$", omittingEmptySubsequences: false)
            guard parts.count == 4, parts[0] == scheme else { return nil }
            // Digits only, no sign or leading zero, at most 8 of them: Int parsing cannot overflow.
            let digits = parts[1].utf8
            guard (1...8).contains(digits.count), digits.allSatisfy({ (0x30...0x39).contains($0) }),
                digits.first != 0x30, let iterations = Int(parts[1]), allowedIterations.contains(iterations)
            else { return nil }
            guard let salt = Base64URL.decode(parts[2]), !salt.isEmpty,
                let hash = Base64URL.decode(parts[3]), hash.count == hashLength
            else { return nil }
            self.iterations = iterations
            self.salt = salt
            self.hash = hash
        }
    }
}
