import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What the background scheduler keeps: the expiry-notice stage of keys and certificates, and
/// `job_leases` (which node runs which job).
extension SQLiteTransaction {
    /// Not revoked, expiring within the window, and owing the notice its status calls for:
    /// EXPIRED once past `expires_at` (stage below 2), EXPIRING before (stage 0). The partial
    /// index `…_owing_expiry_notice` holds only rows below stage 2.
    private static func expiryCondition(_ table: String) -> String {
        " INDEXED BY \(table)_owing_expiry_notice"
            + " WHERE expiry_notice < 2 AND revoked_at IS NULL AND expires_at <= ?"
            + " AND (expiry_notice = 0 OR expires_at < ?) ORDER BY expires_at, id LIMIT ?"
    }

    private static let expiringKeys = keys.select + expiryCondition("keys")
    private static let expiringCertificates = certificates.select + expiryCondition("certificates")

    func expiryCandidates(at now: Date, limit: Int) throws -> [ExpiryCandidate] {
        let horizon = now.addingTimeInterval(KeyStatus.expiringWindow)
        let bindings: [SQLiteValue] = [.date(horizon), .date(now), .int(max(1, limit))]
        let keys = try reading().query(Self.expiringKeys, bindings, Self.decodeKey).map(ExpiryCandidate.key)
        let certificates = try reading().query(Self.expiringCertificates, bindings, Self.decodeCertificate)
            .map(ExpiryCandidate.certificate)
        return Array((keys + certificates).prefix(max(1, limit)))
    }

    /// Raises the record's stage (it is a key or a certificate; the other update matches nothing).
    func recordExpiryNotice(recordID: UUID, status: KeyStatus, at date: Date) throws {
        let stage = status == .expired ? 2 : 1
        for table in ["keys", "certificates"] {
            try writing().run(
                "UPDATE \(table) SET expiry_notice = max(expiry_notice, ?) WHERE id = ?",
                [.int(stage), .uuid(recordID)]
            )
        }
    }

    func acquireLease(_ name: String, holder: String, now: Date, until: Date) throws -> Bool {
        let connection = try writing()
        try connection.run(
            "INSERT INTO job_leases (name, holder, expires_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at"
                + " WHERE job_leases.holder = excluded.holder OR job_leases.expires_at <= ?",
            [.text(name), .text(holder), .date(until), .date(now)]
        )
        let current = try connection.queryFirst("SELECT holder FROM job_leases WHERE name = ?", [.text(name)]) {
            row throws(StoreError) in try row.text()
        }
        return current == holder
    }
}
