#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A named set of permissions that can be assigned to an application at an organization or an
/// environment. Keyward's roles are built in (`BuiltInRoles`) and never change.
public struct Role: Hashable, Sendable {
    public var id: UUID
    /// The wire name; PingOne's roles use exactly the Go SDK's enum strings.
    public var name: String
    public var description: String
    /// The scope types the role may be held at.
    public var applicableTo: [ScopeType]
    public var permissions: Set<Permission>
    /// Whether the role is one of PingOne's own (served without `type`) or one Keyward adds
    /// (served as `"type": "CUSTOM"`, so the Go SDK's strict role-name enum does not reject it).
    public var isPingOneRole: Bool
    /// The other roles whose holders may assign this one, besides its own holders.
    public var assignableBy: Set<UUID>

    public init(
        id: UUID,
        name: String,
        description: String,
        applicableTo: [ScopeType],
        permissions: Set<Permission>,
        isPingOneRole: Bool,
        assignableBy: Set<UUID> = []
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.applicableTo = applicableTo
        self.permissions = permissions
        self.isPingOneRole = isPingOneRole
        self.assignableBy = assignableBy
    }

    /// Whether a holder of `holder` may assign this role (at a scope its holding contains).
    public func isAssignable(byHolderOf holder: Role) -> Bool {
        holder.id == id || assignableBy.contains(holder.id)
    }
}
