import KeywardCore
import KeywardCrypto

/// The single row of `installation_root` (its `id` is always 1).
extension SQLiteTransaction {
    private static let selectRoot = "SELECT certificate_der, created_at FROM installation_root WHERE id = 1"
    private static let insertRoot = """
        INSERT INTO installation_root (id, certificate_der, created_at, wrapped_data_key, sealed_private_key)
        VALUES (1, ?, ?, ?, ?)
        """

    func installationRoot() throws -> InstallationRoot? {
        try reading().queryFirst(Self.selectRoot, []) { row throws(StoreError) in
            InstallationRoot(certificateDER: try row.blob(), createdAt: try row.date())
        }
    }

    /// Records the root once: the root CA is never replaced, so a second call throws
    /// `constraintViolation` and leaves the first root in place.
    func setInstallationRoot(_ root: InstallationRoot, privateKey: PrivateKey) throws {
        let connection = try writing()
        let sealed = try sealer.seal(privateKey, recordID: InstallationRoot.recordID)
        try connection.run(
            Self.insertRoot,
            [.blob(root.certificateDER), .date(root.createdAt), .blob(sealed.wrappedDataKey), .blob(sealed.sealedKey)]
        )
    }
}
