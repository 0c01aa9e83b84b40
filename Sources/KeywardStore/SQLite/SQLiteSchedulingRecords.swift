import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Rows the background scheduler keeps: `expiry_notices` (which expiry events were written) and
/// `job_leases` (which node runs which job).
extension SQLiteTransaction {
    /// Not revoked, expiring within the window, and missing the notice its status calls for:
    /// EXPIRED once past `expires_at`, EXPIRING before.
    private static func expiryCondition(_ table: String) -> String {
        " WHERE revoked_at IS NULL AND expires_at <= ?"
            + " AND NOT EXISTS (SELECT 1 FROM expiry_notices n WHERE n.record_id = \(table).id AND n.status = 'EXPIRED')"
            + " AND (expires_at < ? OR NOT EXISTS"
            + " (SELECT 1 FROM expiry_notices n WHERE n.record_id = \(table).id AND n.status = 'EXPIRING'))"
            + " ORDER BY expires_at, id LIMIT ?"
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

    func recordExpiryNotice(recordID: UUID, status: KeyStatus, at date: Date) throws {
        try writing().run(
            "INSERT INTO expiry_notices (record_id, status, noticed_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (record_id, status) DO NOTHING",
            [.uuid(recordID), .text(status.rawValue), .date(date)]
        )
    }

    /// Removes the notices of a deleted record.
    func forgetExpiryNotices(recordID: UUID) throws {
        try writing().run("DELETE FROM expiry_notices WHERE record_id = ?", [.uuid(recordID)])
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
