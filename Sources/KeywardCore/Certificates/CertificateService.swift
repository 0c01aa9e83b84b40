import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Public certificates (no private key): upload, read, list, delete.
///
/// An upload is PEM, DER or PKCS#7; its first certificate is the one stored, and it must be
/// valid now. A private key in the upload is refused: public certificates only.
public struct CertificateService: Sendable {
    let store: any Store
    let clock: any Clock

    public init(store: any Store, clock: any Clock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    /// Stores the first certificate of `file` in `environmentID` for `usageType`.
    public func upload(_ file: [UInt8], usageType: String?, name: String? = nil, in environmentID: UUID)
        throws(CoreError) -> PublicCertificate
    {
        let usage = try UsageType.parse(usageType)
        if file.firstRange(of: Array("PRIVATE KEY-----".utf8)) != nil {
            throw .invalidValue(field: "file", reason: "holds a private key; upload keys through the keys resource")
        }
        let chain: [Certificate]
        do {
            chain = try Certificate.parseChain(file)
        } catch {
            throw .invalidValue(field: "file", reason: CertificateFacts.reason(error))
        }
        guard let first = chain.first else { throw .invalidValue(field: "file", reason: "holds no certificate") }
        let now = clock.nowToTheMillisecond
        let facts = try CertificateFacts(first, now: now, field: "file")
        let certificateName = name ?? facts.commonName ?? "Uploaded certificate"
        try NameRules.check(certificateName, field: "name")
        let der = try StoreAccess.translate { try first.derRepresentation() }
        return try StoreAccess.write(store) { writer in
            let environment = try writer.requireEnvironment(environmentID)
            let certificate = PublicCertificate(
                id: UUID(),
                environmentID: environmentID,
                organizationID: environment.organizationID,
                name: certificateName,
                algorithm: facts.algorithm,
                keyLength: facts.keyLength,
                signatureAlgorithm: facts.signatureAlgorithm,
                subjectDN: facts.subjectDN,
                issuerDN: facts.issuerDN,
                serialNumber: facts.serialNumber,
                validityPeriod: facts.validityPeriod,
                usageType: usage,
                createdAt: now,
                startsAt: first.notBefore,
                expiresAt: first.notAfter,
                certificateDER: der
            )
            try writer.insert(certificate)
            try AuditLog.record(
                .certificateCreated,
                certificate: certificate,
                "Created Certificate \(certificate.name)",
                at: now,
                in: writer
            )
            return certificate
        }
    }

    /// The certificate `id` of `environmentID`; another environment's is `notFound`.
    public func get(_ id: UUID, in environmentID: UUID) throws(CoreError) -> PublicCertificate {
        guard let found = try StoreAccess.read(store, { try $0.certificate(id: id, environmentID: environmentID) })
        else {
            throw .notFound(resource: "Certificate", id: id.lowercaseString)
        }
        return found
    }

    /// One page of the environment's certificates and the total count.
    public func list(in environmentID: UUID, after cursor: UUID? = nil, limit: Int = 100) throws(CoreError)
        -> (page: Page<PublicCertificate>, count: Int)
    {
        try StoreAccess.read(store) { reader in
            try reader.page(
                in: environmentID,
                limit: limit,
                { try reader.certificates(environmentID: environmentID, after: cursor, limit: $0) },
                count: { try reader.certificateCount(environmentID: environmentID) }
            )
        }
    }

    /// Deletes the certificate `id` of `environmentID`.
    public func delete(_ id: UUID, in environmentID: UUID) throws(CoreError) {
        let now = clock.nowToTheMillisecond
        try StoreAccess.write(store) { writer in
            guard let certificate = try writer.certificate(id: id, environmentID: environmentID) else {
                throw CoreError.notFound(resource: "Certificate", id: id.lowercaseString)
            }
            try writer.deleteCertificate(id: id, environmentID: environmentID)
            try AuditLog.record(
                .certificateDeleted,
                certificate: certificate,
                "Deleted Certificate \(certificate.name)",
                at: now,
                in: writer
            )
        }
    }

    /// The certificate `id` in `format` and its `CERTIFICATE.EXPORTED` event, written before the
    /// bytes are handed out: no event, no export.
    public func export(_ id: UUID, in environmentID: UUID, as format: CertificateExportFormat)
        throws(CoreError) -> [UInt8]
    {
        let now = clock.nowToTheMillisecond
        return try StoreAccess.write(store) { writer in
            guard let certificate = try writer.certificate(id: id, environmentID: environmentID) else {
                throw CoreError.notFound(resource: "Certificate", id: id.lowercaseString)
            }
            let bytes = try CertificateExport.encode(
                certificateDER: certificate.certificateDER,
                trustChain: [],
                as: format
            )
            try AuditLog.record(
                .certificateExported,
                certificate: certificate,
                "Exported Certificate \(certificate.name) as \(format.name)",
                at: now,
                in: writer
            )
            return bytes
        }
    }
}
