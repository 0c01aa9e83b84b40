import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A key rotation policy (PingOne's KRP): a spec from which self-signed RSA SIGNING keys are
/// generated, and the keys it currently holds. The `NEXT` key exists ahead of time; a rotation
/// makes it `CURRENT`, makes the old current `PREVIOUS` (still published until tokens it signed
/// can no longer be valid, `previousRetiresAt`), and generates a new `NEXT`.
///
/// PingOne allows one algorithm (`RSA`), signature algorithm (`SHA256withRSA`) and usage type
/// (`SIGNING`), so those are constants here rather than stored fields.
public struct RotationPolicy: Hashable, Sendable {
    public var id: UUID
    public var environmentID: UUID
    public var name: String
    /// The environment's first policy, which signs its access tokens; it cannot be deleted.
    public var isDefault: Bool
    /// Subject and issuer of the policy's (self-signed) keys.
    public var dn: String
    public var keyLength: Int
    /// Days each generated key's certificate is valid.
    public var validityPeriod: Int
    /// Days between rotations.
    public var rotationPeriod: Int
    public var currentKeyID: UUID?
    public var nextKeyID: UUID?
    public var previousKeyID: UUID?
    /// When the previous key leaves the JWKS and is deleted.
    public var previousRetiresAt: Date?
    /// The last rotation (creation counts as the first).
    public var rotatedAt: Date?
    /// When the scheduler rotates next; `nil` until the policy has keys (then it is due at once).
    public var nextRotationAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    /// The only algorithm, signature algorithm and usage type PingOne allows for a policy.
    public static let algorithm = KeyAlgorithm.rsa
    public static let signatureAlgorithm = SignatureAlgorithm.sha256WithRSA
    public static let usageType = UsageType.signing
    /// At most this many policies per environment (PingOne's limit).
    public static let maximumPerEnvironment = 5

    public init(
        id: UUID,
        environmentID: UUID,
        name: String,
        isDefault: Bool,
        dn: String,
        keyLength: Int = 2048,
        validityPeriod: Int = 365,
        rotationPeriod: Int = 90,
        currentKeyID: UUID? = nil,
        nextKeyID: UUID? = nil,
        previousKeyID: UUID? = nil,
        previousRetiresAt: Date? = nil,
        rotatedAt: Date? = nil,
        nextRotationAt: Date? = nil,
        createdAt: Date,
        updatedAt: Date? = nil
    ) {
        self.id = id
        self.environmentID = environmentID
        self.name = name
        self.isDefault = isDefault
        self.dn = dn
        self.keyLength = keyLength
        self.validityPeriod = validityPeriod
        self.rotationPeriod = rotationPeriod
        self.currentKeyID = currentKeyID
        self.nextKeyID = nextKeyID
        self.previousKeyID = previousKeyID
        self.previousRetiresAt = previousRetiresAt
        self.rotatedAt = rotatedAt
        self.nextRotationAt = nextRotationAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    /// The ids of the keys the policy holds, previous first.
    public var keyIDs: [UUID] { [previousKeyID, currentKeyID, nextKeyID].compactMap { $0 } }

    /// Whether the policy has its keys (policies recorded before rotation existed have none
    /// until the scheduler or the first token request activates them).
    public var isActive: Bool { currentKeyID != nil && nextKeyID != nil }
}
