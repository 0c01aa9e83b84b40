#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A key rotation policy record (PingOne KRP). This issue stores the environment's default
/// policy; rotation itself comes later, so `currentKeyID`, `nextKeyID` and `rotatedAt` stay empty.
public struct RotationPolicy: Hashable, Sendable {
    public var id: UUID
    public var environmentID: UUID
    public var name: String
    public var isDefault: Bool
    public var dn: String
    public var keyLength: Int
    public var validityPeriod: Int
    public var rotationPeriod: Int
    public var currentKeyID: UUID?
    public var nextKeyID: UUID?
    public var rotatedAt: Date?
    public var createdAt: Date

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
        rotatedAt: Date? = nil,
        createdAt: Date
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
        self.rotatedAt = rotatedAt
        self.createdAt = createdAt
    }
}
