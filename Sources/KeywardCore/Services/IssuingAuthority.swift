import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// An organization's CA as the services use it: certificate, key and the chain above it.
struct IssuingAuthority {
    let organizationID: UUID
    let organizationName: String
    let certificate: Certificate
    let key: PrivateKey
    /// The organization certificate and the installation root, PEM, in chain order.
    let trustChain: [String]

    /// Loads the CA of `organizationID`; an unknown organization is `notFound`.
    static func organization(_ organizationID: UUID, in reader: any StoreReader) throws -> IssuingAuthority {
        guard let organization = try reader.organization(id: organizationID) else {
            throw CoreError.notFound(resource: "Organization", id: organizationID.uuidString.lowercased())
        }
        guard let key = try reader.privateKey(recordID: organizationID) else {
            throw CoreError.storeFailure("organization \(organizationID) has no CA key")
        }
        guard let root = try reader.installationRoot() else { throw CoreError.notInitialised }
        let certificate = try Certificate(parsing: organization.certificateDER)
        let rootCertificate = try Certificate(parsing: root.certificateDER)
        return IssuingAuthority(
            organizationID: organizationID,
            organizationName: organization.name,
            certificate: certificate,
            key: key,
            trustChain: [try certificate.pemRepresentation(), try rootCertificate.pemRepresentation()]
        )
    }
}
