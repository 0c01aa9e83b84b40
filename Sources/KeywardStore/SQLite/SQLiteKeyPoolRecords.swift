import KeywardCore
import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Rows of `pooled_keys`: pre-generated key pairs, sealed under their own pool id until taken.
extension SQLiteTransaction {
    private static let countPooled = "SELECT count(*) FROM pooled_keys WHERE algorithm = ? AND key_length = ?"
    private static let oldestPooled = """
        SELECT id, wrapped_data_key, sealed_private_key FROM pooled_keys
        WHERE algorithm = ? AND key_length = ? ORDER BY created_at, id LIMIT 1
        """
    private static let insertPooled = """
        INSERT INTO pooled_keys (id, algorithm, key_length, created_at, wrapped_data_key, sealed_private_key)
        VALUES (?, ?, ?, ?, ?, ?)
        """

    func pooledKeyCount(spec: KeySpec) throws -> Int {
        try reading().queryFirst(Self.countPooled, Self.specValues(spec)) { row throws(StoreError) in try row.int() }
            ?? 0
    }

    func insertPooledKey(_ privateKey: PrivateKey, spec: KeySpec, id: UUID, createdAt: Date) throws {
        let connection = try writing()
        let sealed = try sealer.seal(privateKey, recordID: id)
        try connection.run(
            Self.insertPooled,
            [.uuid(id)] + Self.specValues(spec) + [
                .date(createdAt), .blob(sealed.wrappedDataKey), .blob(sealed.sealedKey),
            ]
        )
    }

    /// Deletes the oldest pooled key of `spec` and returns it opened. In the writer's
    /// transaction, so two takers never get the same key; `secure_delete` zeroes its row.
    ///
    /// A pooled row whose seal does not open (altered bytes, or sealed under another master key)
    /// is deleted too and the next one is tried, so one bad row can never block the pool: left
    /// in place it would stay first in line, and the refill would count it as present.
    func takePooledKey(spec: KeySpec) throws -> PrivateKey? {
        let connection = try writing()
        while let (id, sealed) = try connection.queryFirst(
            Self.oldestPooled,
            Self.specValues(spec),
            {
                row throws(StoreError) in (try row.uuid(), try row.sealedPrivateKey())
            }
        ) {
            try changeOne("DELETE FROM pooled_keys WHERE id = ?", [.uuid(id)], missing: "the pooled key vanished")
            do {
                return try sealer.open(sealed, recordID: id)
            } catch StoreError.sealBroken {
                continue
            }
        }
        return nil
    }

    private static func specValues(_ spec: KeySpec) -> [SQLiteValue] {
        [.text(spec.algorithm.rawValue), .int(spec.keyLength)]
    }
}
