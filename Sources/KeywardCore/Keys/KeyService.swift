import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The key use cases: generate, read, list, update, delete. Each is one store transaction;
/// key generation happens before it, so the single writer is never held during prime search.
///
/// The certificate of a generated key is signed by the organization CA when `issuerDN` names
/// it, and self-signed otherwise (issuerDN omitted or equal to the subject). An `issuerDN` that
/// names another CA is recorded as given, as PingOne echoes it; the certificate stays
/// self-signed until that CA's answer to the key's CSR is imported. A certificate signed by the
/// organization CA carries the CA's signature algorithm family with the requested digest
/// (an EC key under the RSA CA gets SHA256withRSA for SHA256withECDSA), and `signatureAlgorithm`
/// records what was actually used.
public struct KeyService: Sendable {
    let store: any Store
    let clock: any Clock
    let keys: any KeySource
    /// Each environment's JWS key set, until the store's next change or the next minute.
    let jwsKeySets = RecordCache<JWSKeySetKey, [JSONWebKey]>(capacity: 1000)

    public init(store: any Store, clock: any Clock = SystemClock(), keys: any KeySource = GeneratingKeySource()) {
        self.store = store
        self.clock = clock
        self.keys = keys
    }

    /// Generates a key in `environmentID`.
    public func create(_ request: KeyCreationRequest, in environmentID: UUID) throws(CoreError) -> Key {
        let valid = try request.validate()
        let issuer = try StoreAccess.read(store) { reader throws -> IssuingAuthority in
            let environment = try reader.requireEnvironment(environmentID)
            return try IssuingAuthority.organization(environment.organizationID, in: reader) { certificate in
                try certificate.subject.description == valid.issuerDN
            }
        }
        let now = clock.nowToTheMillisecond
        let (key, privateKey) = try StoreAccess.translate { () throws -> (Key, PrivateKey) in
            let privateKey = try keys.makeKey(valid.spec)
            let signedByOrganization = issuer.key != nil
            // The signature is the signer's: under the organization CA (RSA) an EC key's
            // certificate is signed with RSA and the requested digest, and recorded as such.
            let signatureAlgorithm =
                signedByOrganization
                ? SignatureAlgorithm(
                    keyAlgorithm: try issuer.signingKey().spec.algorithm,
                    digest: valid.signatureAlgorithm.digest
                )
                : valid.signatureAlgorithm
            let certificate = try Certificate.issue(
                CertificateTemplate(
                    subject: valid.subject,
                    serialNumber: valid.serialNumber,
                    notBefore: now,
                    notAfter: now.addingTimeInterval(TimeInterval(valid.validityPeriod) * 86400),
                    signatureAlgorithm: signatureAlgorithm,
                    profile: KeyProfiles.profile(
                        for: valid.usageType,
                        algorithm: valid.spec.algorithm,
                        selfSigned: !signedByOrganization
                    )
                ),
                for: try privateKey.publicKey,
                signedBy: signedByOrganization
                    ? .authority(certificate: issuer.certificate, key: try issuer.signingKey())
                    : .selfSigned(privateKey)
            )
            let key = Key(
                id: UUID(),
                environmentID: environmentID,
                organizationID: issuer.organizationID,
                name: valid.name,
                algorithm: valid.spec.algorithm,
                keyLength: valid.spec.keyLength,
                signatureAlgorithm: signatureAlgorithm,
                subjectDN: valid.subjectDN,
                issuerDN: valid.issuerDN ?? valid.subjectDN,
                serialNumber: try certificate.serialNumber,
                validityPeriod: valid.validityPeriod,
                usageType: valid.usageType,
                isDefault: valid.isDefault,
                customCRL: valid.customCRL,
                trustChain: signedByOrganization ? issuer.trustChain : [],
                createdAt: now,
                startsAt: certificate.notBefore,
                expiresAt: certificate.notAfter,
                certificateDER: try certificate.derRepresentation()
            )
            return (key, privateKey)
        }
        try StoreAccess.write(store) { writer in
            _ = try writer.requireEnvironment(environmentID)
            if key.isDefault {
                try Self.clearDefault(environmentID, key.usageType, writer)
            }
            try writer.insert(key, privateKey: privateKey)
            try AuditLog.record(.keyCreated, key: key, "Created Key \(key.name)", at: now, in: writer)
        }
        return key
    }

    /// The key `id` of `environmentID`; a key of another environment is `notFound`.
    public func get(_ id: UUID, in environmentID: UUID) throws(CoreError) -> Key {
        guard let key = try StoreAccess.read(store, { try $0.key(id: id, environmentID: environmentID) }) else {
            throw .notFound(resource: "Key", id: id.lowercaseString)
        }
        return key
    }

    /// One page of the environment's keys, ordered by id, and the total count.
    public func list(in environmentID: UUID, after cursor: UUID? = nil, limit: Int = 100) throws(CoreError)
        -> (page: Page<Key>, count: Int)
    {
        try StoreAccess.read(store) { reader in
            try reader.page(
                in: environmentID,
                limit: limit,
                { try reader.keys(environmentID: environmentID, after: cursor, limit: $0) },
                count: { try reader.keyCount(environmentID: environmentID) }
            )
        }
    }

    /// Changes what PingOne's update body may change: `default`, `usageType`, `issuerDN`.
    ///
    /// An EXPIRED key cannot be updated; an EXPIRED or REVOKED key cannot become default.
    /// Making a key default clears the previous default of its usage type in the same transaction.
    /// `check` sees the key as stored, inside the transaction, and may refuse the update (the API
    /// uses it to refuse a changed immutable member).
    public func update(
        _ id: UUID,
        in environmentID: UUID,
        isDefault: Bool? = nil,
        usageType: String? = nil,
        issuerDN: String? = nil,
        check: @escaping (Key) throws(CoreError) -> Void = { _ in }
    ) throws(CoreError) -> Key {
        let usage = try usageType.map { (text) throws(CoreError) in try UsageType.parse(text) }
        let issuer = try KeyCreationRequest.checkIssuer(issuerDN)
        let now = clock.nowToTheMillisecond
        return try StoreAccess.write(store) { writer in
            guard var key = try writer.key(id: id, environmentID: environmentID) else {
                throw CoreError.notFound(resource: "Key", id: id.lowercaseString)
            }
            try check(key)
            let before = key
            let status = key.status(at: now)
            guard status != .expired else {
                throw CoreError.invalidValue(field: "status", reason: "an EXPIRED key cannot be updated")
            }
            let becomesDefault = isDefault == true && !key.isDefault
            if becomesDefault && status == .revoked {
                throw CoreError.invalidValue(field: "default", reason: "a REVOKED key cannot become default")
            }
            if let usage { key.usageType = usage }
            if let issuer { key.issuerDN = issuer }
            if let isDefault { key.isDefault = isDefault }
            try RotationKeyRule.checkUpdate(from: before, to: key)
            try SubscriptionRules.checkUsageChange(from: before, to: key, in: writer)
            if key.isDefault {
                try Self.clearDefault(environmentID, key.usageType, writer, except: key.id)
            }
            try writer.update(key)
            try AuditLog.record(.keyUpdated, key: key, "Updated Key \(key.name)", at: now, in: writer)
            return key
        }
    }

    /// Deletes a key and destroys its private key.
    public func delete(_ id: UUID, in environmentID: UUID) throws(CoreError) {
        let now = clock.nowToTheMillisecond
        try StoreAccess.write(store) { writer in
            guard let key = try writer.key(id: id, environmentID: environmentID) else {
                throw CoreError.notFound(resource: "Key", id: id.lowercaseString)
            }
            try RotationKeyRule.checkDeletion(of: key)
            try SubscriptionRules.checkKeyDeletion(key, in: writer)
            try writer.deleteKey(id: id, environmentID: environmentID)
            try AuditLog.record(.keyDeleted, key: key, "Deleted Key \(key.name)", at: now, in: writer)
        }
    }

    /// The certificate of key `id` (with its chain for PKCS#7) in `format`, and its `KEY.EXPORTED`
    /// event, written before the bytes are handed out: no event, no export.
    public func exportCertificate(_ id: UUID, in environmentID: UUID, as format: CertificateExportFormat)
        throws(CoreError) -> [UInt8]
    {
        let now = clock.nowToTheMillisecond
        return try StoreAccess.write(store) { writer in
            guard let key = try writer.key(id: id, environmentID: environmentID) else {
                throw CoreError.notFound(resource: "Key", id: id.lowercaseString)
            }
            let bytes = try CertificateExport.encode(
                certificateDER: key.certificateDER,
                trustChain: key.trustChain,
                as: format
            )
            try AuditLog.record(
                .keyExported,
                key: key,
                "Exported the certificate of Key \(key.name) as \(format.name)",
                at: now,
                in: writer
            )
            return bytes
        }
    }

    private static func clearDefault(
        _ environmentID: UUID,
        _ usage: UsageType,
        _ writer: any StoreWriter,
        except keep: UUID? = nil
    ) throws {
        guard var previous = try writer.defaultKey(environmentID: environmentID, usageType: usage),
            previous.id != keep
        else { return }
        previous.isDefault = false
        try writer.update(previous)
    }
}
