import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Creates and reads organizations. Creating one issues its default organization certificate:
/// an intermediate CA (RSA-2048, SHA256withRSA, one year, pathLen 0) signed by the installation
/// root, written in the same transaction as the organization.
public struct OrganizationService: Sendable {
    let store: any Store
    let clock: any Clock
    let keys: any KeySource

    /// The organization certificate's lifetime, as PingOne's: one year.
    public static let certificateValidityDays = 365

    public init(store: any Store, clock: any Clock = SystemClock(), keys: any KeySource = GeneratingKeySource()) {
        self.store = store
        self.clock = clock
        self.keys = keys
    }

    /// Creates an organization named `name` (unique in the installation).
    public func create(name: String, description: String? = nil, type: String = "INTERNAL") throws(CoreError)
        -> Organization
    {
        try NameRules.check(name, field: "name")
        let (rootCertificate, rootKey) = try StoreAccess.read(store) { reader throws -> (Certificate, PrivateKey) in
            guard let root = try reader.installationRoot(),
                let key = try reader.privateKey(recordID: InstallationRoot.recordID)
            else { throw CoreError.notInitialised }
            return (try Certificate(parsing: root.certificateDER), key)
        }
        let now = clock.nowToTheMillisecond
        let id = UUID()
        let (organization, key) = try StoreAccess.translate { () throws -> (Organization, PrivateKey) in
            let key = try keys.makeKey(.rsa2048)
            let certificate = try Certificate.issue(
                CertificateTemplate(
                    subject: Names.name(commonName: "Default-\(name)"),
                    notBefore: now,
                    notAfter: now.addingTimeInterval(TimeInterval(Self.certificateValidityDays) * 86400),
                    signatureAlgorithm: .sha256WithRSA,
                    profile: .organizationCA
                ),
                for: key.publicKey,
                signedBy: .authority(certificate: rootCertificate, key: rootKey)
            )
            let organization = Organization(
                id: id,
                name: name,
                description: description,
                type: type,
                createdAt: now,
                updatedAt: now,
                certificateDER: try certificate.derRepresentation()
            )
            return (organization, key)
        }
        try StoreAccess.write(store) { writer in
            if try writer.organizations().contains(where: { $0.name == name }) {
                throw CoreError.duplicate(field: "name", reason: "an organization named '\(name)' already exists")
            }
            try writer.insert(organization, privateKey: key)
        }
        return organization
    }

    /// The organization with `id`.
    public func get(_ id: UUID) throws(CoreError) -> Organization {
        guard let organization = try StoreAccess.read(store, { try $0.organization(id: id) }) else {
            throw .notFound(resource: "Organization", id: id.lowercaseString)
        }
        return organization
    }

    /// Every organization, oldest first.
    public func list() throws(CoreError) -> [Organization] {
        try StoreAccess.read(store) { try $0.organizations() }
    }
}
