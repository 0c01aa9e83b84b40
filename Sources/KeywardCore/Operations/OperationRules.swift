import KeywardCrypto

/// The checks of the cryptographic operations API that depend only on the request and the key.
enum OperationRules {
    /// Refuses a usage type that does not allow the operation: SIGNING and ISSUANCE sign and
    /// verify (`signs`), ENCRYPTION encrypts and decrypts.
    static func checkUsage(_ usage: UsageType, field: String, signs: Bool) throws(CoreError) {
        let allowed: [UsageType] = signs ? [.signing, .issuance] : [.encryption]
        guard allowed.contains(usage) else {
            let operation = signs ? "sign and verify" : "encrypt and decrypt"
            let names = allowed.map(\.rawValue).joined(separator: " and ")
            throw .invalidValue(
                field: field,
                reason: "has usageType \(usage.rawValue); only \(names) keys \(operation)"
            )
        }
    }

    /// Refuses private-key use of a rotation policy's key: it signs access tokens only.
    static func checkNotRotationKey(_ key: Key) throws(CoreError) {
        guard let policyID = key.rotationPolicyID else { return }
        throw .invalidValue(
            field: "key.id",
            reason: "is a key of key rotation policy \(policyID.lowercaseString); such keys sign access tokens only"
        )
    }

    /// Refuses any status but VALID and EXPIRING.
    static func checkStatus(_ status: KeyStatus, field: String) throws(CoreError) {
        guard status == .valid || status == .expiring else {
            throw .invalidValue(field: field, reason: "is \(status.rawValue) and cannot be used")
        }
    }

    /// The named signing algorithm, or the data-model algorithm `fallback` when none is named.
    static func signingAlgorithm(_ name: String?, default fallback: SignatureAlgorithm?)
        throws(CoreError) -> SigningAlgorithm
    {
        guard let name else {
            guard let fallback else { throw .missingValue(field: "algorithm") }
            return SigningAlgorithm(fallback)
        }
        guard let algorithm = SigningAlgorithm(rawValue: name) else {
            throw .invalidValue(
                field: "algorithm",
                reason: "must be one of \(SigningAlgorithm.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        return algorithm
    }

    /// Refuses an algorithm the key cannot use (RSA names with an EC key, ES256 on P-384).
    static func check(_ algorithm: SigningAlgorithm, fits spec: KeySpec) throws(CoreError) {
        if let refusal = algorithm.refusal(for: spec) { throw .invalidValue(field: "algorithm", reason: refusal) }
    }

    /// The digest to sign or verify: the message hashed, or the given digest if its length fits.
    static func digest(of input: SignatureInput, for algorithm: SigningAlgorithm) throws(CoreError) -> [UInt8] {
        switch input {
        case .message(let message):
            guard message.count <= OperationLimits.maximumPlaintext else {
                throw .invalidValue(
                    field: "plainText",
                    reason: "must be at most \(OperationLimits.maximumPlaintext) bytes"
                )
            }
            return try StoreAccess.translate { try algorithm.digest.hash(message) }
        case .digest(let digest):
            guard digest.count == algorithm.digest.length else {
                throw .invalidValue(
                    field: "digest",
                    reason: "must be \(algorithm.digest.length) bytes for \(algorithm.rawValue), not \(digest.count)"
                )
            }
            return digest
        }
    }

    /// The named encryption algorithm, `nil` when none is named.
    static func encryptionAlgorithm(_ name: String?) throws(CoreError) -> EncryptionAlgorithm? {
        guard let name else { return nil }
        guard let algorithm = EncryptionAlgorithm(rawValue: name) else {
            throw .invalidValue(
                field: "algorithm",
                reason: "must be one of \(EncryptionAlgorithm.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        return algorithm
    }

    /// Which form a ciphertext is in: exactly `modulusLength` bytes is one RSA-OAEP block; longer
    /// and starting with the envelope's version byte is the envelope.
    static func form(of cipherText: [UInt8], modulusLength: Int) throws(CoreError) -> EncryptionAlgorithm {
        guard cipherText.count <= OperationLimits.maximumCiphertext else {
            throw .invalidValue(
                field: "cipherText",
                reason: "must be at most \(OperationLimits.maximumCiphertext) bytes"
            )
        }
        if cipherText.count == modulusLength { return .rsaOAEP256 }
        if cipherText.count >= modulusLength + EncryptionEnvelope.overhead,
            cipherText.first == EncryptionEnvelope.version
        {
            return .rsaOAEP256Envelope
        }
        throw .invalidValue(
            field: "cipherText",
            reason:
                "must be \(modulusLength) bytes (RSA-OAEP-256) or an envelope starting with version byte 0x01"
        )
    }
}
