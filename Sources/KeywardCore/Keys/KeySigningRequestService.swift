import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A key's certificate signing request, and the import of an outside CA's answer to it.
///
/// The CSR carries the key's subject and public key and is signed by the key itself with the
/// digest of the key's `signatureAlgorithm` (an EC key whose certificate the RSA organization CA
/// signed still signs its CSR with ECDSA). Importing the CA's certificate replaces the key's
/// certificate, issuer, serial, dates and validity period and records the rest of the upload as
/// the trust chain; the key's id, name, usage type and private key stay.
public struct KeySigningRequestService: Sendable {
    let store: any Store
    let clock: any Clock

    public init(store: any Store, clock: any Clock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    /// The PKCS#10 request for key `id` of `environmentID`, made and recorded (`CSR.EXPORTED`)
    /// in one write transaction: no event, no request.
    public func signingRequest(for id: UUID, in environmentID: UUID) throws(CoreError) -> CertificateSigningRequest {
        let now = clock.nowToTheMillisecond
        return try StoreAccess.write(store) { writer throws -> CertificateSigningRequest in
            guard let key = try writer.key(id: id, environmentID: environmentID) else {
                throw CoreError.notFound(resource: "Key", id: id.lowercaseString)
            }
            guard let privateKey = try writer.privateKey(recordID: key.id) else {
                throw CoreError.storeFailure("key \(key.id) has no private key")
            }
            let certificate = try Certificate(parsing: key.certificateDER)
            let request = try CertificateSigningRequest(
                subject: try certificate.subject,
                key: privateKey,
                signatureAlgorithm: SignatureAlgorithm(
                    keyAlgorithm: privateKey.spec.algorithm,
                    digest: key.signatureAlgorithm.digest
                )
            )
            try AuditLog.record(
                .csrExported,
                key: key,
                "Exported the certificate signing request of Key \(key.name)",
                at: now,
                in: writer
            )
            return request
        }
    }

    /// Imports the CA's answer (`file`: PEM, DER or PKCS#7) for key `id`.
    ///
    /// The upload must hold a certificate for the key's public key, valid now and signed with an
    /// algorithm of the data model; its other certificates become the trust chain.
    public func importResponse(_ file: [UInt8], for id: UUID, in environmentID: UUID) throws(CoreError) -> Key {
        guard !file.isEmpty else { throw .missingValue(field: "file") }
        if file.firstRange(of: Array("PRIVATE KEY-----".utf8)) != nil {
            throw .invalidValue(field: "file", reason: "holds a private key; the CA's answer is a certificate only")
        }
        let chain: [Certificate]
        do {
            chain = try Certificate.parseChain(file)
        } catch {
            throw .invalidValue(field: "file", reason: CertificateFacts.reason(error))
        }
        let now = clock.nowToTheMillisecond
        return try StoreAccess.write(store) { writer in
            guard var key = try writer.key(id: id, environmentID: environmentID) else {
                throw CoreError.notFound(resource: "Key", id: id.lowercaseString)
            }
            let publicKey = try Certificate(parsing: key.certificateDER).publicKey
            guard let issued = chain.first(where: { (try? $0.publicKey == publicKey) ?? false }) else {
                throw CoreError.invalidValue(
                    field: "file",
                    reason: "holds no certificate for this key's public key"
                )
            }
            let facts = try CertificateFacts(issued, now: now, field: "file")
            guard let signatureAlgorithm = facts.signatureAlgorithm else {
                throw CoreError.invalidValue(
                    field: "file",
                    reason: "the certificate is signed with \(issued.signatureAlgorithmOID), outside the data model"
                )
            }
            key.certificateDER = try issued.derRepresentation()
            key.issuerDN = facts.issuerDN
            key.serialNumber = facts.serialNumber
            key.signatureAlgorithm = signatureAlgorithm
            key.startsAt = issued.notBefore
            key.expiresAt = issued.notAfter
            key.validityPeriod = facts.validityPeriod
            key.trustChain = try chain.filter { $0 !== issued }.map { try $0.pemRepresentation() }
            try writer.update(key)
            try AuditLog.record(
                .csrResponseImported,
                key: key,
                "Imported the CA's certificate for Key \(key.name), issued by \(key.issuerDN)",
                at: now,
                in: writer
            )
            return key
        }
    }
}
