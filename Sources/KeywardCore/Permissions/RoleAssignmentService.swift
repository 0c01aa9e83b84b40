import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Application role assignments and the permission check every API request passes.
///
/// Access tokens carry no roles: each request loads the caller's assignments. They are cached
/// per application for `cacheSeconds`; a change made through this service forgets the entry at
/// once on this node, and other nodes see it when their entry runs out.
public final class RoleAssignmentService: Sendable {
    let store: any Store
    let clock: any Clock
    private let cache = Mutex<[UUID: CachedAssignments]>([:])

    /// How long an application's assignments are remembered (for changes made on other nodes).
    public static let cacheSeconds: TimeInterval = 5
    /// At most this many applications are remembered; the cache is emptied when full.
    public static let cacheCapacity = 10_000

    private struct CachedAssignments {
        let assignments: [RoleAssignment]
        let validUntil: Date
    }

    public init(store: any Store, clock: any Clock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    /// The role assignments of application `applicationID`, from the cache when fresh.
    public func assignments(of applicationID: UUID) throws(CoreError) -> [RoleAssignment] {
        let now = clock.now
        if let cached = cache.withLock({ $0[applicationID] }), cached.validUntil > now {
            return cached.assignments
        }
        let assignments = try StoreAccess.read(store) { try $0.roleAssignments(applicationID: applicationID) }
        cache.withLock { entries in
            if entries.count >= Self.cacheCapacity { entries.removeAll(keepingCapacity: true) }
            entries[applicationID] = CachedAssignments(
                assignments: assignments,
                validUntil: now.addingTimeInterval(Self.cacheSeconds)
            )
        }
        return assignments
    }

    /// Forgets the cached assignments of `applicationID` (after they changed on this node).
    public func forget(_ applicationID: UUID) {
        _ = cache.withLock { $0.removeValue(forKey: applicationID) }
    }

    /// Passes when one of the caller's roles grants `permission` at a scope containing
    /// `target`; `forbidden` otherwise. The caller has already checked that `target` belongs
    /// to its organization, so a denial says nothing about records it cannot see.
    public func authorize(_ principal: Principal, _ permission: Permission, at target: Scope) throws(CoreError) {
        let granted = try assignments(of: principal.clientID).contains { assignment in
            assignment.role?.permissions.contains(permission) == true
                && assignment.scope.contains(target, organizationOfOther: principal.organizationID)
        }
        guard granted else {
            throw .forbidden(reason: "the caller's roles do not grant \(permission.rawValue) here")
        }
    }

    /// The scopes at which the caller holds `permission`: to filter a list to what it may see.
    public func scopes(of principal: Principal, granting permission: Permission) throws(CoreError) -> [Scope] {
        try assignments(of: principal.clientID).filter { $0.role?.permissions.contains(permission) == true }
            .map(\.scope)
    }

    /// Whether the caller may grant `role` at `scope`: it holds, at a scope containing it, the
    /// role itself or one allowed to assign it (`Role.assignableBy`).
    public func canGrant(_ role: Role, at scope: Scope, by principal: Principal) throws(CoreError) -> Bool {
        try assignments(of: principal.clientID).contains { held in
            guard let heldRole = held.role else { return false }
            return role.isAssignable(byHolderOf: heldRole)
                && held.scope.contains(scope, organizationOfOther: principal.organizationID)
        }
    }

    /// Whether `assignment` is beyond the caller's reach (PingOne's `readOnly`): the caller is
    /// its target, or could not have granted it.
    public func isReadOnly(_ assignment: RoleAssignment, for principal: Principal) throws(CoreError) -> Bool {
        guard assignment.applicationID != principal.clientID, let role = assignment.role else { return true }
        return try !canGrant(role, at: assignment.scope, by: principal)
    }

    /// Refuses, with PingOne's "Must have role at the same or broader scope", when application
    /// `applicationID` holds a role the caller could not grant: handing its secret to the caller,
    /// or removing its roles, would let the caller act beyond its own roles.
    public func requireCanManage(_ applicationID: UUID, by principal: Principal) throws(CoreError) {
        for assignment in try StoreAccess.read(store, { try $0.roleAssignments(applicationID: applicationID) }) {
            guard let role = assignment.role, try canGrant(role, at: assignment.scope, by: principal) else {
                throw .forbidden(reason: Self.broaderScopeMessage(assignment.role?.name ?? "this role"))
            }
        }
    }

    static func broaderScopeMessage(_ roleName: String) -> String {
        "Must have role at the same or broader scope to manage \(roleName) at this scope"
    }
}
