import KeywardCore
import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Rows of `certificates`: every lookup is scoped to an environment, as for keys.
extension SQLiteTransaction {
    static let certificates = SQLiteTable(
        name: "certificates",
        columns: [
            "id", "environment_id", "organization_id", "name", "algorithm", "key_length", "signature_algorithm",
            "subject_dn", "issuer_dn", "serial_number", "validity_period", "usage_type", "is_default",
            "created_at", "starts_at", "expires_at", "revoked_at", "certificate_der",
        ],
        fixed: ["organization_id", "created_at"],
        keyColumns: ["id", "environment_id"],
        sealed: false
    )

    func certificate(id: UUID, environmentID: UUID) throws -> PublicCertificate? {
        try reading().queryFirst(
            Self.certificates.select + " WHERE id = ? AND environment_id = ?",
            [.uuid(id), .uuid(environmentID)],
            Self.decodeCertificate
        )
    }

    static let certificatePageAfterCursor =
        certificates.select + " WHERE environment_id = ? AND id > ? ORDER BY id LIMIT ?"
    static let certificateFirstPage = certificates.select + " WHERE environment_id = ? ORDER BY id LIMIT ?"

    /// Certificates ordered by id after `cursor`; a `limit` below 1 is read as 1.
    func certificates(environmentID: UUID, after cursor: UUID?, limit: Int) throws -> Page<PublicCertificate> {
        try page(
            first: Self.certificateFirstPage,
            after: Self.certificatePageAfterCursor,
            environmentID: environmentID,
            cursor: cursor,
            limit: limit,
            id: \.id,
            decode: Self.decodeCertificate
        )
    }

    func certificateCount(environmentID: UUID) throws -> Int {
        try reading().queryFirst(
            "SELECT count(*) FROM certificates WHERE environment_id = ?",
            [.uuid(environmentID)]
        ) { row throws(StoreError) in try row.int() } ?? 0
    }

    func insert(_ certificate: PublicCertificate) throws {
        try writing().run(Self.certificates.insert, Self.values(certificate))
    }

    func deleteCertificate(id: UUID, environmentID: UUID) throws {
        try changeOne(
            "DELETE FROM certificates WHERE id = ? AND environment_id = ?",
            [.uuid(id), .uuid(environmentID)],
            missing: "no certificate with this id in this environment"
        )
    }

    private static func values(_ certificate: PublicCertificate) -> [SQLiteValue] {
        [
            .uuid(certificate.id), .uuid(certificate.environmentID), .uuid(certificate.organizationID),
            .text(certificate.name), .text(certificate.algorithm.rawValue), .int(certificate.keyLength),
            .text(certificate.signatureAlgorithm?.rawValue), .text(certificate.subjectDN), .text(certificate.issuerDN),
            .blob(certificate.serialNumber.bytes), .int(certificate.validityPeriod),
            .text(certificate.usageType.rawValue), .bool(certificate.isDefault), .date(certificate.createdAt),
            .date(certificate.startsAt), .date(certificate.expiresAt), .date(certificate.revokedAt),
            .blob(certificate.certificateDER),
        ]
    }

    static func decodeCertificate(_ row: inout SQLiteRow) throws(StoreError) -> PublicCertificate {
        PublicCertificate(
            id: try row.uuid(),
            environmentID: try row.uuid(),
            organizationID: try row.uuid(),
            name: try row.text(),
            algorithm: try row.value(KeyAlgorithm.self),
            keyLength: try row.int(),
            signatureAlgorithm: row.optionalText().flatMap(SignatureAlgorithm.init(rawValue:)),
            subjectDN: try row.text(),
            issuerDN: try row.text(),
            serialNumber: try row.serialNumber(),
            validityPeriod: try row.int(),
            usageType: try row.value(UsageType.self),
            isDefault: try row.bool(),
            createdAt: try row.date(),
            startsAt: try row.date(),
            expiresAt: try row.date(),
            revokedAt: row.optionalDate(),
            certificateDER: try row.blob()
        )
    }
}
