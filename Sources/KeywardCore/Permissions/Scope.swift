#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// An organization or one environment: where an assignment applies, or what a request targets.
public struct Scope: Hashable, Sendable {
    public var type: ScopeType
    public var id: UUID

    public init(type: ScopeType, id: UUID) {
        self.type = type
        self.id = id
    }

    /// The scope of environment `id`.
    public static func environment(_ id: UUID) -> Scope { Scope(type: .environment, id: id) }
    /// The scope of organization `id`.
    public static func organization(_ id: UUID) -> Scope { Scope(type: .organization, id: id) }

    /// Whether this scope contains `other`: itself, or (for an organization) any environment of
    /// it. `organizationOfOther` is the organization `other` belongs to (its own id for an
    /// organization), which the caller has already checked.
    public func contains(_ other: Scope, organizationOfOther: UUID) -> Bool {
        if self == other { return true }
        return type == .organization && other.type == .environment && id == organizationOfOther
    }
}
