import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// An uploaded certificate without a private key (a partner's signing or encryption
/// certificate, a trust anchor): PingOne's certificate object.
public struct PublicCertificate: Hashable, Sendable {
    public var id: UUID
    public var environmentID: UUID
    public var organizationID: UUID
    public var name: String
    public var algorithm: KeyAlgorithm
    public var keyLength: Int
    public var signatureAlgorithm: SignatureAlgorithm?
    public var subjectDN: String
    public var issuerDN: String
    public var serialNumber: SerialNumber
    public var validityPeriod: Int
    public var usageType: UsageType
    public var isDefault: Bool
    public var createdAt: Date
    public var startsAt: Date
    public var expiresAt: Date
    public var revokedAt: Date?
    public var certificateDER: [UInt8]

    public init(
        id: UUID,
        environmentID: UUID,
        organizationID: UUID,
        name: String,
        algorithm: KeyAlgorithm,
        keyLength: Int,
        signatureAlgorithm: SignatureAlgorithm?,
        subjectDN: String,
        issuerDN: String,
        serialNumber: SerialNumber,
        validityPeriod: Int,
        usageType: UsageType,
        isDefault: Bool = false,
        createdAt: Date,
        startsAt: Date,
        expiresAt: Date,
        revokedAt: Date? = nil,
        certificateDER: [UInt8]
    ) {
        self.id = id
        self.environmentID = environmentID
        self.organizationID = organizationID
        self.name = name
        self.algorithm = algorithm
        self.keyLength = keyLength
        self.signatureAlgorithm = signatureAlgorithm
        self.subjectDN = subjectDN
        self.issuerDN = issuerDN
        self.serialNumber = serialNumber
        self.validityPeriod = validityPeriod
        self.usageType = usageType
        self.isDefault = isDefault
        self.createdAt = createdAt
        self.startsAt = startsAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.certificateDER = certificateDER
    }

    /// The status at `now` (see `KeyStatus`).
    public func status(at now: Date) -> KeyStatus {
        KeyStatus(now: now, startsAt: startsAt, expiresAt: expiresAt, revokedAt: revokedAt)
    }
}
