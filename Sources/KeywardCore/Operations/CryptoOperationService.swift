import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The cryptographic operations API: sign, verify, encrypt, decrypt and sign a JWS with the
/// managed keys, so that applications never hold a private key.
///
/// Rules, in order: the key (or certificate) must be of the environment (`notFound`); its usage
/// type must allow the operation (SIGNING and ISSUANCE sign and verify, ENCRYPTION encrypts and
/// decrypts); its status must be VALID or EXPIRING (an EXPIRED, NOT_YET_VALID or REVOKED key or
/// certificate is refused for every operation, public ones included); the algorithm must fit
/// the key. A private-key use (sign, decrypt, JWS) is done outside any store transaction, then
/// its `KEY.SIGNED` / `KEY.DECRYPTED` / `KEY.JWS_SIGNED` event is written (grouped with the
/// events of concurrent requests in one transaction, `AuditGroupCommit`), and only then is the
/// result returned: no event, no result. A private-key use refused by these rules writes one
/// FAILURE event of the same action and nothing else. Events name the algorithm and the
/// SHA-256 of the input, never the input.
///
/// The key record and the acting application's name are cached (`RecordCache`) only until the
/// store's next committed change of any record, so a deletion, revocation or new usage type
/// applies to the very next request; the event is still written, and waited for, on every use.
public struct CryptoOperationService: Sendable {
    let store: any Store
    let clock: any Clock
    let cache: PrivateKeyCache
    /// Key records, valid until the store's next committed change (see `RecordCache`).
    let records = RecordCache<ScopedID, Key>()
    /// The acting applications as events name them, valid as `records` are.
    let actors = RecordCache<ScopedID, AuditActor>()
    /// Events of concurrent operations share a transaction (see `AuditGroupCommit`).
    let events: AuditGroupCommit

    /// `eventDurability` is how far each private-key use event reaches the disk before the
    /// result is returned (see `WriteDurability`; `.full` unless the operator chose otherwise).
    public init(
        store: any Store,
        clock: any Clock = SystemClock(),
        cache: PrivateKeyCache = PrivateKeyCache(),
        eventDurability: WriteDurability = .full
    ) {
        self.store = store
        self.clock = clock
        self.cache = cache
        events = AuditGroupCommit(store: store, durability: eventDurability)
    }

    /// Signs `input` with key `keyID`; `algorithmName` absent means the key's own
    /// `signatureAlgorithm`.
    public func sign(keyID: UUID, in environmentID: UUID, algorithm algorithmName: String?, input: SignatureInput)
        throws(CoreError) -> (algorithm: SigningAlgorithm, signature: [UInt8])
    {
        let key = try privateUse(.keySigned, keyID, in: environmentID)
        let (algorithm, digest) = try refusingWithEvent(.keySigned, key) { () throws(CoreError) in
            try OperationRules.checkUsage(key.usageType, field: "key.id", signs: true)
            let algorithm = try OperationRules.signingAlgorithm(algorithmName, default: key.signatureAlgorithm)
            try OperationRules.check(algorithm, fits: try key.spec)
            return (algorithm, try OperationRules.digest(of: input, for: algorithm))
        }
        let privateKey = try privateKey(of: key)
        let signature = try StoreAccess.translate { try privateKey.sign(digest: digest, algorithm: algorithm) }
        // The event's fingerprint is the SHA-256 of the input: for a message signed with a SHA-256
        // algorithm, that is the digest just signed.
        let fingerprint = algorithm.digest == .sha256 && input.isMessage ? digest : nil
        try recordUse(
            .keySigned,
            key,
            "Signed with Key \(key.name) using \(algorithm.rawValue)",
            input.bytes,
            fingerprint: fingerprint
        )
        return (algorithm, signature)
    }

    /// Whether `signature` verifies with the target's public key. A signature that does not
    /// verify, whatever its form, is `false`, never an error.
    public func verify(
        _ target: OperationTarget,
        in environmentID: UUID,
        algorithm algorithmName: String?,
        input: SignatureInput,
        signature: [UInt8]
    ) throws(CoreError) -> (algorithm: SigningAlgorithm, valid: Bool) {
        let subject = try publicUse(target, in: environmentID)
        try OperationRules.checkUsage(subject.usageType, field: target.field, signs: true)
        let algorithm = try OperationRules.signingAlgorithm(algorithmName, default: subject.signatureAlgorithm)
        let publicKey = try subject.publicKey()
        try OperationRules.check(algorithm, fits: publicKey.spec)
        let digest = try OperationRules.digest(of: input, for: algorithm)
        let valid = try StoreAccess.translate {
            try publicKey.isValidSignature(signature, digest: digest, algorithm: algorithm)
        }
        return (algorithm, valid)
    }

    /// Encrypts `plaintext` for the target's RSA key: one RSA-OAEP block when it fits, the
    /// envelope otherwise (or always, when `algorithmName` asks for it).
    public func encrypt(
        _ target: OperationTarget,
        in environmentID: UUID,
        algorithm algorithmName: String?,
        plaintext: [UInt8]
    )
        throws(CoreError) -> (algorithm: EncryptionAlgorithm, cipherText: [UInt8])
    {
        let requested = try OperationRules.encryptionAlgorithm(algorithmName)
        let subject = try publicUse(target, in: environmentID)
        try OperationRules.checkUsage(subject.usageType, field: target.field, signs: false)
        let publicKey = try subject.publicKey()
        guard publicKey.spec.algorithm == .rsa else {
            throw .invalidValue(field: target.field, reason: "is an EC key; encryption needs an RSA key")
        }
        guard plaintext.count <= OperationLimits.maximumPlaintext else {
            throw .invalidValue(field: "plainText", reason: "must be at most \(OperationLimits.maximumPlaintext) bytes")
        }
        let fits = plaintext.count <= publicKey.maximumOAEPPlaintextLength
        let algorithm: EncryptionAlgorithm =
            requested == .rsaOAEP256Envelope || !fits ? .rsaOAEP256Envelope : .rsaOAEP256
        let cipherText = try StoreAccess.translate {
            algorithm == .rsaOAEP256
                ? try publicKey.encryptOAEP(plaintext) : try EncryptionEnvelope.seal(plaintext, for: publicKey)
        }
        return (algorithm, cipherText)
    }

    /// Decrypts either form with key `keyID`: exactly the modulus length is RSA-OAEP, longer
    /// and starting with 0x01 is the envelope; anything else, and anything that does not
    /// decrypt, is refused with one message, so the answer is no padding oracle.
    public func decrypt(keyID: UUID, in environmentID: UUID, algorithm algorithmName: String?, cipherText: [UInt8])
        throws(CoreError) -> (algorithm: EncryptionAlgorithm, plainText: [UInt8])
    {
        let key = try privateUse(.keyDecrypted, keyID, in: environmentID)
        let algorithm = try refusingWithEvent(.keyDecrypted, key) { () throws(CoreError) in
            try OperationRules.checkUsage(key.usageType, field: "key.id", signs: false)
            let requested = try OperationRules.encryptionAlgorithm(algorithmName)
            guard key.algorithm == .rsa else {
                throw .invalidValue(field: "key.id", reason: "is an EC key; decryption needs an RSA key")
            }
            let detected = try OperationRules.form(of: cipherText, modulusLength: key.keyLength / 8)
            if let requested, requested != detected {
                throw .invalidValue(field: "algorithm", reason: "the cipherText is \(detected.rawValue)")
            }
            return detected
        }
        let privateKey = try privateKey(of: key)
        let plainText: [UInt8]
        do {
            plainText =
                algorithm == .rsaOAEP256
                ? try privateKey.decryptOAEP(cipherText) : try EncryptionEnvelope.open(cipherText, with: privateKey)
        } catch {
            let refusal = CoreError.invalidValue(field: "cipherText", reason: "cannot be decrypted with this key")
            try recordRefusal(.keyDecrypted, key, refusal)
            throw refusal
        }
        try recordUse(.keyDecrypted, key, "Decrypted with Key \(key.name) using \(algorithm.rawValue)", cipherText)
        return (algorithm, plainText)
    }

    /// Signs `payloadJSON` as a compact JWS (`alg` from the key: RS256 or ES256/384/512; `kid`
    /// the key id; `typ` JWT).
    public func signJWS(keyID: UUID, in environmentID: UUID, payloadJSON: [UInt8])
        throws(CoreError) -> (jws: String, algorithm: JWSAlgorithm)
    {
        let key = try privateUse(.keyJWSSigned, keyID, in: environmentID)
        let algorithm = try refusingWithEvent(.keyJWSSigned, key) { () throws(CoreError) in
            try OperationRules.checkUsage(key.usageType, field: "key.id", signs: true)
            guard payloadJSON.count <= OperationLimits.maximumJWSPayload else {
                throw .invalidValue(
                    field: "payload",
                    reason: "must be at most \(OperationLimits.maximumJWSPayload) bytes of JSON"
                )
            }
            guard let algorithm = JWSAlgorithm(for: try key.spec) else {
                throw .invalidValue(field: "key.id", reason: "a \(try key.spec.displayName) key has no JWS algorithm")
            }
            return algorithm
        }
        let privateKey = try privateKey(of: key)
        let header = "{\"alg\":\"\(algorithm.rawValue)\",\"kid\":\"\(keyID.lowercaseString)\",\"typ\":\"JWT\"}"
        let jws = try StoreAccess.translate {
            try CompactJWS.sign(
                headerJSON: Array(header.utf8),
                payloadJSON: payloadJSON,
                with: privateKey,
                algorithm: algorithm
            )
        }
        try recordUse(.keyJWSSigned, key, "Signed a JWS with Key \(key.name) using \(algorithm.rawValue)", payloadJSON)
        return (jws, algorithm)
    }
}
