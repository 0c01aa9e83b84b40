#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A working domain inside an organization; every key and certificate belongs to one.
///
/// `region`, `type`, `licenseID` and `billOfMaterials` are PingOne fields Keyward does not act on:
/// optional, stored and echoed so that PingOne clients round-trip them.
public struct Environment: Hashable, Sendable {
    public var id: UUID
    public var organizationID: UUID
    public var name: String
    public var description: String?
    public var region: String?
    public var type: String?
    public var licenseID: String?
    /// The `billOfMaterials` object as the client sent it (JSON text), echoed unchanged.
    public var billOfMaterialsJSON: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID,
        organizationID: UUID,
        name: String,
        description: String? = nil,
        region: String? = nil,
        type: String? = nil,
        licenseID: String? = nil,
        billOfMaterialsJSON: String? = nil,
        createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.description = description
        self.region = region
        self.type = type
        self.licenseID = licenseID
        self.billOfMaterialsJSON = billOfMaterialsJSON
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
