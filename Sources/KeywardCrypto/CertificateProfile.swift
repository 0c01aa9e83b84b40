/// The extensions a new certificate carries.
///
/// Presets cover Keyward's certificates: `certificateAuthority` (what RFC 5280 requires of a CA),
/// `organizationCA` (the default organization certificate: a CA with pathLen 0), `endEntity`,
/// and `pingOneExact`, the seed service's literal profile with no extensions at all, kept for
/// byte-level parity: OpenSSL refuses every chain through a CA certificate issued with it
/// ("invalid CA certificate"), so use it only when parity matters more than verification.
public struct CertificateProfile: Hashable, Sendable {
    /// basicConstraints: `nil` leaves the extension out; a CA is always marked critical.
    public var basicConstraints: BasicConstraints?
    /// keyUsage bits; empty leaves the extension out. Marked critical when present.
    public var keyUsage: KeyUsage
    /// extendedKeyUsage purposes; empty leaves the extension out.
    public var extendedKeyUsage: [ExtendedKeyUsage]
    /// subjectAltName entries; empty leaves the extension out.
    public var subjectAlternativeNames: [GeneralName]
    /// CRL distribution point URLs (http or https), if any.
    public var crlDistributionPoints: [String]
    /// Authority information access: OCSP responder URLs (http or https), if any.
    public var ocspResponders: [String]
    /// Whether to write subjectKeyIdentifier and authorityKeyIdentifier.
    public var keyIdentifiers: Bool

    /// basicConstraints values.
    public enum BasicConstraints: Hashable, Sendable {
        case endEntity
        case certificateAuthority(pathLength: Int?)
    }

    public init(
        basicConstraints: BasicConstraints? = nil,
        keyUsage: KeyUsage = [],
        extendedKeyUsage: [ExtendedKeyUsage] = [],
        subjectAlternativeNames: [GeneralName] = [],
        crlDistributionPoints: [String] = [],
        ocspResponders: [String] = [],
        keyIdentifiers: Bool = true
    ) {
        self.basicConstraints = basicConstraints
        self.keyUsage = keyUsage
        self.extendedKeyUsage = extendedKeyUsage
        self.subjectAlternativeNames = subjectAlternativeNames
        self.crlDistributionPoints = crlDistributionPoints
        self.ocspResponders = ocspResponders
        self.keyIdentifiers = keyIdentifiers
    }

    /// A CA certificate as RFC 5280 requires: basicConstraints CA:TRUE (critical) with the
    /// given path length, keyUsage keyCertSign + cRLSign (critical), and key identifiers.
    public static func certificateAuthority(pathLength: Int?) -> CertificateProfile {
        CertificateProfile(
            basicConstraints: .certificateAuthority(pathLength: pathLength),
            keyUsage: [.keyCertSign, .cRLSign]
        )
    }

    /// The default organization certificate: an intermediate CA that signs only end entities.
    public static let organizationCA = certificateAuthority(pathLength: 0)

    /// An end-entity certificate with the given usage.
    public static func endEntity(
        keyUsage: KeyUsage,
        extendedKeyUsage: [ExtendedKeyUsage] = [],
        subjectAlternativeNames: [GeneralName] = []
    ) -> CertificateProfile {
        CertificateProfile(
            basicConstraints: .endEntity,
            keyUsage: keyUsage,
            extendedKeyUsage: extendedKeyUsage,
            subjectAlternativeNames: subjectAlternativeNames
        )
    }

    /// The seed service's literal profile: no extensions. See the type's documentation.
    public static let pingOneExact = CertificateProfile(keyIdentifiers: false)
}
