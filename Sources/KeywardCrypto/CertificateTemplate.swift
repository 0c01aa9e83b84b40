#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What a new certificate says: subject, serial, validity, signature algorithm and extensions.
public struct CertificateTemplate: Sendable {
    public var subject: DistinguishedName
    public var serialNumber: SerialNumber
    public var notBefore: Date
    public var notAfter: Date
    public var signatureAlgorithm: SignatureAlgorithm
    public var profile: CertificateProfile

    /// A template with a fresh random serial number.
    public init(
        subject: DistinguishedName,
        serialNumber: SerialNumber? = nil,
        notBefore: Date,
        notAfter: Date,
        signatureAlgorithm: SignatureAlgorithm,
        profile: CertificateProfile
    ) throws(CryptoError) {
        self.subject = subject
        if let serialNumber {
            self.serialNumber = serialNumber
        } else {
            self.serialNumber = try SerialNumber.random()
        }
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.signatureAlgorithm = signatureAlgorithm
        self.profile = profile
    }
}

/// Who signs a new certificate.
public enum CertificateSigner: Sendable {
    /// The certificate is signed by the key it certifies.
    case selfSigned(PrivateKey)
    /// The certificate is signed by a CA: its certificate (for the issuer name and key id) and key.
    case authority(certificate: Certificate, key: PrivateKey)

    var key: PrivateKey {
        switch self {
        case .selfSigned(let key), .authority(_, let key): key
        }
    }
}
