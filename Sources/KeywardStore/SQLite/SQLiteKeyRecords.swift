import KeywardCore
import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Rows of `keys`: every lookup is scoped to an environment, so another tenant's key is absent.
extension SQLiteTransaction {
    static let keys = SQLiteTable(
        name: "keys",
        columns: [
            "id", "environment_id", "organization_id", "name", "algorithm", "key_length", "signature_algorithm",
            "subject_dn", "issuer_dn", "serial_number", "validity_period", "usage_type", "is_default", "custom_crl",
            "trust_chain", "created_at", "starts_at", "expires_at", "revoked_at", "certificate_der",
            "rotation_policy_id",
        ],
        fixed: ["organization_id", "created_at", "rotation_policy_id"],
        keyColumns: ["id", "environment_id"],
        sealed: true
    )

    /// One page by keyset: `keys_by_environment` finds the first row after the cursor, so the
    /// cost is the page's, however many keys came before. One row more than the limit is read
    /// to learn whether another page follows.
    static let keyPageAfterCursor = keys.select + " WHERE environment_id = ? AND id > ? ORDER BY id LIMIT ?"
    static let keyFirstPage = keys.select + " WHERE environment_id = ? ORDER BY id LIMIT ?"

    func key(id: UUID, environmentID: UUID) throws -> Key? {
        try reading().queryFirst(
            Self.keys.select + " WHERE id = ? AND environment_id = ?",
            [.uuid(id), .uuid(environmentID)],
            Self.decodeKey
        )
    }

    /// Keys ordered by id after `cursor`; a `limit` below 1 is read as 1.
    func keys(environmentID: UUID, after cursor: UUID?, limit: Int) throws -> Page<Key> {
        try page(
            first: Self.keyFirstPage,
            after: Self.keyPageAfterCursor,
            environmentID: environmentID,
            cursor: cursor,
            limit: limit,
            id: \.id,
            decode: Self.decodeKey
        )
    }

    /// The environment's key count, kept by triggers (migration 3): one row, not a scan.
    func keyCount(environmentID: UUID) throws -> Int {
        try reading().queryFirst(
            "SELECT key_count FROM environment_key_counts WHERE environment_id = ?",
            [.uuid(environmentID)]
        ) {
            row throws(StoreError) in try row.int()
        } ?? 0
    }

    func defaultKey(environmentID: UUID, usageType: UsageType) throws -> Key? {
        try reading().queryFirst(
            Self.keys.select + " WHERE environment_id = ? AND usage_type = ? AND is_default = 1",
            [.uuid(environmentID), .text(usageType.rawValue)],
            Self.decodeKey
        )
    }

    /// Inserts the key with its private key sealed under the key's id. A second default for the
    /// same environment and usage type violates `keys_one_default_per_usage`: clear the old
    /// default first, in the same transaction.
    func insert(_ key: Key, privateKey: PrivateKey) throws {
        let connection = try writing()
        let sealed = try sealer.seal(privateKey, recordID: key.id)
        try connection.run(
            Self.keys.insert,
            try Self.values(key) + [.blob(sealed.wrappedDataKey), .blob(sealed.sealedKey)]
        )
    }

    /// Changes every field but `id`, `environmentID`, `organizationID` and `createdAt`; the
    /// sealed private key stays as it is.
    func update(_ key: Key) throws {
        try changeOne(
            Self.keys.update,
            Self.keys.updateBindings(try Self.values(key)),
            missing: "no key with this id in this environment"
        )
    }

    /// Deletes the row and with it the sealed private key; `secure_delete` zeroes its bytes.
    func deleteKey(id: UUID, environmentID: UUID) throws {
        try changeOne(
            "DELETE FROM keys WHERE id = ? AND environment_id = ?",
            [.uuid(id), .uuid(environmentID)],
            missing: "no key with this id in this environment"
        )
    }

    private static func values(_ key: Key) throws -> [SQLiteValue] {
        [
            .uuid(key.id), .uuid(key.environmentID), .uuid(key.organizationID), .text(key.name),
            .text(key.algorithm.rawValue), .int(key.keyLength), .text(key.signatureAlgorithm.rawValue),
            .text(key.subjectDN), .text(key.issuerDN), .blob(key.serialNumber.bytes), .int(key.validityPeriod),
            .text(key.usageType.rawValue), .bool(key.isDefault), .text(key.customCRL),
            .pemBundle(key.trustChain), .date(key.createdAt), .date(key.startsAt), .date(key.expiresAt),
            .date(key.revokedAt), .blob(key.certificateDER), .uuid(key.rotationPolicyID),
        ]
    }

    static func decodeKey(_ row: inout SQLiteRow) throws(StoreError) -> Key {
        Key(
            id: try row.uuid(),
            environmentID: try row.uuid(),
            organizationID: try row.uuid(),
            name: try row.text(),
            algorithm: try row.value(KeyAlgorithm.self),
            keyLength: try row.int(),
            signatureAlgorithm: try row.value(SignatureAlgorithm.self),
            subjectDN: try row.text(),
            issuerDN: try row.text(),
            serialNumber: try row.serialNumber(),
            validityPeriod: try row.int(),
            usageType: try row.value(UsageType.self),
            isDefault: try row.bool(),
            customCRL: row.optionalText(),
            trustChain: try row.pemBundle(),
            createdAt: try row.date(),
            startsAt: try row.date(),
            expiresAt: try row.date(),
            revokedAt: row.optionalDate(),
            certificateDER: try row.blob(),
            rotationPolicyID: try row.optionalUUID()
        )
    }
}
