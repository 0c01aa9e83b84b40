import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Imports a key with its certificate from a PKCS#12 file (PingOne's "create key" with a file).
///
/// Rules: the file opens with the given password (a wrong or missing one names `password`); it
/// holds an unencrypted private key of a supported type that matches its certificate; the
/// certificate is valid now and signed with an algorithm of the data model. The other
/// certificates of the file become the key's `trustChain`.
public struct KeyImportService: Sendable {
    let store: any Store
    let clock: any Clock

    public init(store: any Store, clock: any Clock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    /// Imports `file` into `environmentID` for `usageType`; `name` defaults to the subject's CN.
    public func importPKCS12(
        _ file: [UInt8],
        password: String?,
        usageType: String?,
        name: String? = nil,
        in environmentID: UUID
    ) throws(CoreError) -> Key {
        let usage = try UsageType.parse(usageType)
        let bundle: PKCS12Bundle
        do {
            bundle = try PKCS12Bundle(parsing: file, password: password)
        } catch {
            switch error {
            case .wrongPassword, .passwordRequired:
                throw .invalidValue(field: "password", reason: CertificateFacts.reason(error))
            default:
                throw .invalidValue(field: "file", reason: CertificateFacts.reason(error))
            }
        }
        let now = clock.nowToTheMillisecond
        let facts = try CertificateFacts(bundle.certificate, now: now, field: "file")
        guard let signatureAlgorithm = facts.signatureAlgorithm else {
            throw .invalidValue(
                field: "file",
                reason:
                    "the certificate's signature algorithm (\(bundle.certificate.signatureAlgorithmOID)) is not one Keyward supports"
            )
        }
        let keyName = name ?? facts.commonName ?? "Imported key"
        try NameRules.check(keyName, field: "name")
        let key = try StoreAccess.translate { () throws -> Key in
            Key(
                id: UUID(),
                environmentID: environmentID,
                organizationID: UUID(),  // replaced below from the environment
                name: keyName,
                algorithm: facts.algorithm,
                keyLength: facts.keyLength,
                signatureAlgorithm: signatureAlgorithm,
                subjectDN: facts.subjectDN,
                issuerDN: facts.issuerDN,
                serialNumber: facts.serialNumber,
                validityPeriod: facts.validityPeriod,
                usageType: usage,
                isDefault: false,
                trustChain: try bundle.chain.map { try $0.pemRepresentation() },
                createdAt: now,
                startsAt: bundle.certificate.notBefore,
                expiresAt: bundle.certificate.notAfter,
                certificateDER: try bundle.certificate.derRepresentation()
            )
        }
        return try StoreAccess.write(store) { writer in
            let environment = try writer.requireEnvironment(environmentID)
            var stored = key
            stored.organizationID = environment.organizationID
            try writer.insert(stored, privateKey: bundle.privateKey)
            try AuditLog.record(
                .keyCreated,
                key: stored,
                "Imported Key \(stored.name) from a PKCS#12 file",
                at: now,
                in: writer
            )
            return stored
        }
    }
}
