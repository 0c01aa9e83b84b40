#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A role held by an application at a scope (its organization or one of its environments).
public struct RoleAssignment: Hashable, Sendable {
    public var id: UUID
    public var applicationID: UUID
    public var roleID: UUID
    public var scope: Scope
    public var createdAt: Date

    public init(id: UUID, applicationID: UUID, roleID: UUID, scope: Scope, createdAt: Date) {
        self.id = id
        self.applicationID = applicationID
        self.roleID = roleID
        self.scope = scope
        self.createdAt = createdAt
    }

    /// The role, if it is still one Keyward knows (roles are built in, so always in practice).
    public var role: Role? { BuiltInRoles.role(id: roleID) }
}
