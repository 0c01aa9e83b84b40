import KeywardCore
import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Sealed private keys: opened here, and only here, for the record they were sealed for.
extension SQLiteTransaction {
    private static let sealedOfKeyOrOrganization = """
        SELECT wrapped_data_key, sealed_private_key FROM keys WHERE id = ?1
        UNION ALL
        SELECT wrapped_data_key, sealed_private_key FROM organizations WHERE id = ?1
        """
    private static let sealedOfRoot = "SELECT wrapped_data_key, sealed_private_key FROM installation_root WHERE id = 1"

    /// The private key of a key, an organization, or the installation root; `nil` when there is
    /// none. A seal that does not open for this record throws `StoreError.sealBroken`.
    func privateKey(recordID: UUID) throws -> PrivateKey? {
        let connection = try reading()
        let sealed: SealedPrivateKey?
        if recordID == InstallationRoot.recordID {
            sealed = try connection.queryFirst(Self.sealedOfRoot, []) { row throws(StoreError) in
                try row.sealedPrivateKey()
            }
        } else {
            sealed = try connection.queryFirst(Self.sealedOfKeyOrOrganization, [.uuid(recordID)]) {
                row throws(StoreError) in try row.sealedPrivateKey()
            }
        }
        return try sealed.map { try sealer.open($0, recordID: recordID) }
    }
}
