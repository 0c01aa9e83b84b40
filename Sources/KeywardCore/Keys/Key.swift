import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A managed key pair and its X.509 certificate: PingOne's key object.
///
/// The private key is never part of this value: the store keeps it sealed and hands it out
/// only through `StoreReader.privateKey(recordID:)`.
public struct Key: Hashable, Sendable {
    public var id: UUID
    public var environmentID: UUID
    public var organizationID: UUID
    public var name: String
    public var algorithm: KeyAlgorithm
    public var keyLength: Int
    public var signatureAlgorithm: SignatureAlgorithm
    /// The subject as the client wrote it (empty attributes such as `L=` included).
    public var subjectDN: String
    /// The issuer: the subject for a self-signed key, the CA's subject otherwise.
    public var issuerDN: String
    public var serialNumber: SerialNumber
    /// Days of validity asked for at creation (or derived from an imported certificate).
    public var validityPeriod: Int
    public var usageType: UsageType
    public var isDefault: Bool
    /// A CRL URL for `ISSUANCE` keys, as the client gave it.
    public var customCRL: String?
    /// The issuers' certificates, PEM, leaf's issuer first.
    public var trustChain: [String]
    public var createdAt: Date
    public var startsAt: Date
    public var expiresAt: Date
    /// When the key was revoked, if it was.
    public var revokedAt: Date?
    /// The key's certificate, DER.
    public var certificateDER: [UInt8]
    /// The key rotation policy that generated the key and rotates it, if one did: such a key
    /// signs access tokens only, and goes with its policy.
    public var rotationPolicyID: UUID?

    public init(
        id: UUID,
        environmentID: UUID,
        organizationID: UUID,
        name: String,
        algorithm: KeyAlgorithm,
        keyLength: Int,
        signatureAlgorithm: SignatureAlgorithm,
        subjectDN: String,
        issuerDN: String,
        serialNumber: SerialNumber,
        validityPeriod: Int,
        usageType: UsageType,
        isDefault: Bool,
        customCRL: String? = nil,
        trustChain: [String] = [],
        createdAt: Date,
        startsAt: Date,
        expiresAt: Date,
        revokedAt: Date? = nil,
        certificateDER: [UInt8],
        rotationPolicyID: UUID? = nil
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
        self.customCRL = customCRL
        self.trustChain = trustChain
        self.createdAt = createdAt
        self.startsAt = startsAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.certificateDER = certificateDER
        self.rotationPolicyID = rotationPolicyID
    }

    /// The status at `now` (see `KeyStatus`).
    public func status(at now: Date) -> KeyStatus {
        KeyStatus(now: now, startsAt: startsAt, expiresAt: expiresAt, revokedAt: revokedAt)
    }
}
