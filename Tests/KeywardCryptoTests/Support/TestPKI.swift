import Foundation
import KeywardCrypto

/// A three-level hierarchy like Keyward's: installation root → organization CA → leaf.
struct TestPKI {
    let rootKey: PrivateKey
    let root: Certificate
    let organizationKey: PrivateKey
    let organization: Certificate
    let leafKey: PrivateKey
    let leaf: Certificate

    static let rootName = "CN=Keyward Test Root, O=Keyward, C=US"
    static let organizationName = "CN=Example Org, OU=Platform, O=Example Corp, C=US"
    static let leafName = "CN=leaf.example.com, OU=Platform, O=Example Corp, L=, ST=, C=US"

    /// Builds the hierarchy; `organizationProfile` lets a test try the literal PingOne profile.
    init(
        leafSpec: KeySpec = .p256,
        organizationProfile: CertificateProfile = .organizationCA,
        leafProfile: CertificateProfile = .endEntity(
            keyUsage: [.digitalSignature],
            extendedKeyUsage: [.serverAuth, .clientAuth],
            subjectAlternativeNames: [
                .dns("leaf.example.com"), .ipAddress("192.0.2.10"), .email("ops@example.com"),
                .uri("https://example.com/id"),
            ]
        ),
        now: Date = Date()
    ) throws {
        rootKey = try PrivateKey.generate(.rsa2048)
        root = try Certificate.issue(
            CertificateTemplate(
                subject: DistinguishedName(parsing: Self.rootName),
                notBefore: now.addingTimeInterval(-60),
                notAfter: now.addingTimeInterval(10 * 365 * 86400),
                signatureAlgorithm: .sha256WithRSA,
                profile: .certificateAuthority(pathLength: nil)
            ),
            for: rootKey.publicKey,
            signedBy: .selfSigned(rootKey)
        )
        organizationKey = try PrivateKey.generate(.rsa2048)
        organization = try Certificate.issue(
            CertificateTemplate(
                subject: DistinguishedName(parsing: Self.organizationName),
                notBefore: now.addingTimeInterval(-60),
                notAfter: now.addingTimeInterval(365 * 86400),
                signatureAlgorithm: .sha256WithRSA,
                profile: organizationProfile
            ),
            for: organizationKey.publicKey,
            signedBy: .authority(certificate: root, key: rootKey)
        )
        leafKey = try PrivateKey.generate(leafSpec)
        leaf = try Certificate.issue(
            CertificateTemplate(
                subject: DistinguishedName(parsing: Self.leafName),
                notBefore: now.addingTimeInterval(-60),
                notAfter: now.addingTimeInterval(90 * 86400),
                signatureAlgorithm: .sha256WithRSA,
                profile: leafProfile
            ),
            for: leafKey.publicKey,
            signedBy: .authority(certificate: organization, key: organizationKey)
        )
    }
}
