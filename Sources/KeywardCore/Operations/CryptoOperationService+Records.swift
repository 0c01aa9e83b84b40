import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension CryptoOperationService {
    /// The key for a private-key use: of this environment (`notFound` otherwise, and its cached
    /// private key forgotten), not a rotation policy's key (those sign access tokens only: a
    /// signature made here could be a forged token), and of a usable status (a FAILURE event
    /// otherwise).
    func privateUse(_ action: AuditAction, _ keyID: UUID, in environmentID: UUID) throws(CoreError) -> Key {
        guard let key = try key(keyID, in: environmentID) else {
            cache.remove(keyID)
            throw .notFound(resource: "Key", id: keyID.lowercaseString)
        }
        try refusingWithEvent(action, key) { () throws(CoreError) in
            try OperationRules.checkNotRotationKey(key)
            try OperationRules.checkStatus(key.status(at: clock.now), field: "key.id")
        }
        return key
    }

    /// The key record as last committed: from `records` while the store has committed no change
    /// since it was read, otherwise read again.
    func key(_ keyID: UUID, in environmentID: UUID) throws(CoreError) -> Key? {
        try records.record(ScopedID(environmentID: environmentID, id: keyID), in: store) { () throws(CoreError) in
            try StoreAccess.read(store) { try $0.key(id: keyID, environmentID: environmentID) }
        }
    }

    /// The key or certificate for a public-key use, of this environment and a usable status.
    func publicUse(_ target: OperationTarget, in environmentID: UUID) throws(CoreError) -> OperationSubject {
        let now = clock.now
        switch target {
        case .key(let id):
            guard let key = try key(id, in: environmentID) else {
                throw .notFound(resource: "Key", id: id.lowercaseString)
            }
            try OperationRules.checkStatus(key.status(at: now), field: target.field)
            return OperationSubject(
                usageType: key.usageType,
                signatureAlgorithm: key.signatureAlgorithm,
                certificateDER: key.certificateDER
            )
        case .certificate(let id):
            guard
                let certificate = try StoreAccess.read(
                    store,
                    { try $0.certificate(id: id, environmentID: environmentID) }
                )
            else {
                throw .notFound(resource: "Certificate", id: id.lowercaseString)
            }
            try OperationRules.checkStatus(certificate.status(at: now), field: target.field)
            return OperationSubject(
                usageType: certificate.usageType,
                signatureAlgorithm: certificate.signatureAlgorithm,
                certificateDER: certificate.certificateDER
            )
        }
    }

    /// The opened private key of `key`, from the cache or the store.
    func privateKey(of key: Key) throws(CoreError) -> PrivateKey {
        try cache.key(key.id) { () throws(CoreError) -> PrivateKey in
            guard let opened = try StoreAccess.read(store, { try $0.privateKey(recordID: key.id) }) else {
                throw .storeFailure("key \(key.id.lowercaseString) has no private key")
            }
            return opened
        }
    }

    /// Runs `checks`; when they refuse, writes one FAILURE event of `action` on `key` and
    /// rethrows the refusal.
    func refusingWithEvent<T>(_ action: AuditAction, _ key: Key, _ checks: () throws(CoreError) -> T)
        throws(CoreError) -> T
    {
        do {
            return try checks()
        } catch {
            try recordRefusal(action, key, error)
            throw error
        }
    }

    /// Writes the FAILURE event of a refused private-key use.
    func recordRefusal(_ action: AuditAction, _ key: Key, _ refusal: CoreError) throws(CoreError) {
        try record(action, key, .failure("Refused use of Key \(key.name): \(refusal.description)"))
    }

    /// Writes the SUCCESS event of a private-key use: its description names the algorithm and
    /// the SHA-256 of the input, never the input. `fingerprint` is that SHA-256 when the caller
    /// already has it (a SHA-256 signature of a message hashes the same bytes).
    func recordUse(
        _ action: AuditAction,
        _ key: Key,
        _ description: String,
        _ input: [UInt8],
        fingerprint known: [UInt8]? = nil
    ) throws(CoreError) {
        let fingerprint: [UInt8]
        if let known {
            fingerprint = known
        } else {
            fingerprint = try StoreAccess.translate { try DigestAlgorithm.sha256.hash(input) }
        }
        try record(action, key, .success("\(description); input SHA-256 \(Self.hex(fingerprint))"))
    }

    /// `bytes` as lowercase hexadecimal.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: bytes.count * 2) { text in
            digits.withUTF8Buffer { digits in
                for (index, byte) in bytes.enumerated() {
                    text[2 * index] = digits[Int(byte >> 4)]
                    text[2 * index + 1] = digits[Int(byte & 0x0F)]
                }
            }
            return bytes.count * 2
        }
    }

    /// Builds the event on this thread (its actor from `actors`, its context this request's),
    /// then waits until the group commit holding it has committed.
    private func record(_ action: AuditAction, _ key: Key, _ result: AuditResult) throws(CoreError) {
        let now = clock.nowToTheMillisecond
        let context = AuditContext.current
        var actor: AuditActor?
        if let principal = context?.actingPrincipal { actor = try auditActor(principal) }
        let event = AuditLog.event(
            action,
            .key(key),
            result,
            environmentID: key.environmentID,
            organizationID: key.organizationID,
            at: now,
            actor: actor,
            context: context
        )
        try events.commit { writer in try writer.insert(event) }
    }

    /// The acting application as events name it, from `actors` while the store has committed no
    /// change since it was read.
    private func auditActor(_ principal: Principal) throws(CoreError) -> AuditActor {
        let cached = try actors.record(
            ScopedID(environmentID: principal.environmentID, id: principal.clientID),
            in: store
        ) { () throws(CoreError) -> AuditActor? in
            let application = try StoreAccess.read(store) {
                try $0.application(id: principal.clientID, environmentID: principal.environmentID)
            }
            return AuditLog.auditActor(principal, application: application)
        }
        return cached ?? AuditLog.auditActor(principal, application: nil)
    }
}

extension Key {
    /// The key's algorithm and size as a `KeySpec`; a stored pair Keyward does not know is a
    /// corrupt record.
    var spec: KeySpec {
        get throws(CoreError) {
            guard let spec = KeySpec(algorithm: algorithm, keyLength: keyLength) else {
                throw .storeFailure("key \(id.lowercaseString) has an unknown algorithm and length")
            }
            return spec
        }
    }
}
