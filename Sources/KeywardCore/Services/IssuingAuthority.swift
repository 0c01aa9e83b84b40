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
    /// The CA's private key, opened only when the caller will sign with it (see `organization`).
    let key: PrivateKey?
    /// The organization certificate and the installation root, PEM, in chain order.
    let trustChain: [String]

    /// Loads the CA of `organizationID`; an unknown organization is `notFound`.
    ///
    /// The sealed private key is opened only when `willSign` says the CA will sign (it is given
    /// the CA certificate): opening it costs about 0.4 ms, wasted on a self-signed key.
    static func organization(
        _ organizationID: UUID,
        in reader: any StoreReader,
        willSign: (Certificate) throws -> Bool = { _ in true }
    ) throws -> IssuingAuthority {
        guard let organization = try reader.organization(id: organizationID) else {
            throw CoreError.notFound(resource: "Organization", id: organizationID.lowercaseString)
        }
        guard let root = try reader.installationRoot() else { throw CoreError.notInitialised }
        let certificate = try Certificate(parsing: organization.certificateDER)
        var key: PrivateKey?
        if try willSign(certificate) {
            guard let opened = try reader.privateKey(recordID: organizationID) else {
                throw CoreError.storeFailure("organization \(organizationID) has no CA key")
            }
            key = opened
        }
        let rootCertificate = try Certificate(parsing: root.certificateDER)
        return IssuingAuthority(
            organizationID: organizationID,
            organizationName: organization.name,
            certificate: certificate,
            key: key,
            trustChain: [try certificate.pemRepresentation(), try rootCertificate.pemRepresentation()]
        )
    }

    /// The CA's key for signing; loaded unless the caller said it would not sign.
    func signingKey() throws -> PrivateKey {
        guard let key else { throw CoreError.storeFailure("the organization CA key was not loaded") }
        return key
    }
}
