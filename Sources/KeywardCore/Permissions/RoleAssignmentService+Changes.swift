#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Listing, granting and removing an application's roles through the API.
extension RoleAssignmentService {
    /// The assignments of application `applicationID` of `environmentID`, ordered by id.
    public func list(for applicationID: UUID, in environmentID: UUID) throws(CoreError) -> [RoleAssignment] {
        try StoreAccess.read(store) { reader in
            _ = try reader.requireApplication(applicationID, in: environmentID)
            return try reader.roleAssignments(applicationID: applicationID)
        }
    }

    /// One assignment of the application; another application's is not found.
    public func get(_ id: UUID, of applicationID: UUID, in environmentID: UUID) throws(CoreError) -> RoleAssignment {
        guard let assignment = try list(for: applicationID, in: environmentID).first(where: { $0.id == id }) else {
            throw .notFound(resource: "RoleAssignment", id: id.lowercaseString)
        }
        return assignment
    }

    /// Grants `roleID` at `scope` to application `applicationID` of `environmentID`.
    ///
    /// The scope must be the caller's organization or one of its environments (404 otherwise),
    /// the role must be applicable to the scope's type (`scope`), the caller must be able to
    /// grant it there (`forbidden`, "Must have role at the same or broader scope"), and the
    /// application must not hold the role already at this scope, at its organization, or (for
    /// an organization-wide grant) at one of its environments (`duplicate` on `role`).
    public func create(
        roleID: UUID,
        scope: Scope,
        for applicationID: UUID,
        in environmentID: UUID,
        by principal: Principal
    ) throws(CoreError) -> RoleAssignment {
        let assignment = RoleAssignment(
            id: UUID(),
            applicationID: applicationID,
            roleID: roleID,
            scope: scope,
            createdAt: clock.nowToTheMillisecond
        )
        // Read before the write transaction: the caller's assignments come from the cache.
        let grantable = try BuiltInRoles.role(id: roleID).map { (role) throws(CoreError) in
            try canGrant(role, at: scope, by: principal)
        }
        try StoreAccess.write(store) { writer in
            let application = try writer.requireApplication(applicationID, in: environmentID)
            try Self.checkScope(scope, of: principal, in: writer)
            guard let role = BuiltInRoles.role(id: roleID) else {
                throw CoreError.invalidValue(
                    field: "role.id",
                    reason: "There is no role with id \(roleID.lowercaseString)"
                )
            }
            guard role.applicableTo.contains(scope.type) else {
                throw CoreError.invalidValue(
                    field: "scope",
                    reason:
                        "Incompatible role and scope combination: \(role.name) cannot be held at \(scope.type.rawValue)"
                )
            }
            guard grantable == true else {
                throw CoreError.forbidden(reason: Self.broaderScopeMessage(role.name))
            }
            let held = try writer.roleAssignments(applicationID: applicationID).filter { $0.roleID == roleID }
            let organization = principal.organizationID
            if held.contains(where: {
                $0.scope.contains(scope, organizationOfOther: organization)
                    || scope.contains($0.scope, organizationOfOther: organization)
            }) {
                throw CoreError.duplicate(field: "role", reason: "May not assign duplicate Role")
            }
            try writer.insert(assignment)
            try AuditLog.record(
                .roleAssignmentCreated,
                application: application,
                "Created role assignment '\(assignment.id.lowercaseString)' for role '\(role.name)' scoped for"
                    + " \(scope.type.rawValue) '\(scope.id.lowercaseString)'",
                at: assignment.createdAt,
                in: writer
            )
        }
        forget(applicationID)
        return assignment
    }

    /// Removes an assignment; the caller must be able to grant it (so that it cannot strip a
    /// more powerful application of its roles).
    public func delete(
        _ id: UUID,
        of applicationID: UUID,
        in environmentID: UUID,
        by principal: Principal
    ) throws(CoreError) {
        let assignment = try get(id, of: applicationID, in: environmentID)
        guard let role = assignment.role, try canGrant(role, at: assignment.scope, by: principal) else {
            throw .forbidden(reason: Self.broaderScopeMessage(assignment.role?.name ?? "this role"))
        }
        let now = clock.nowToTheMillisecond
        try StoreAccess.write(store) { writer in
            let application = try writer.requireApplication(applicationID, in: environmentID)
            try writer.deleteRoleAssignment(id: id, applicationID: applicationID)
            try AuditLog.record(
                .roleAssignmentDeleted,
                application: application,
                "Deleted role assignment '\(id.lowercaseString)' of role '\(role.name)' scoped for"
                    + " \(assignment.scope.type.rawValue) '\(assignment.scope.id.lowercaseString)'",
                at: now,
                in: writer
            )
        }
        forget(applicationID)
    }

    /// A scope outside the caller's organization is not found, as any other tenant's record.
    private static func checkScope(_ scope: Scope, of principal: Principal, in reader: any StoreReader) throws {
        switch scope.type {
        case .organization:
            guard scope.id == principal.organizationID else {
                throw CoreError.notFound(resource: "Organization", id: scope.id.lowercaseString)
            }
        case .environment:
            guard try reader.environment(id: scope.id)?.organizationID == principal.organizationID else {
                throw CoreError.notFound(resource: "Environment", id: scope.id.lowercaseString)
            }
        }
    }
}

extension RoleAssignmentService {
    /// Grants `roleID` at `scope` without an assigner: for the operator's own tools (`keyward
    /// init` gives its administrator Organization Admin), never for an API request. The role
    /// must exist and be applicable to the scope's type.
    @discardableResult
    public func grantAsOperator(_ roleID: UUID, at scope: Scope, to applicationID: UUID) throws(CoreError)
        -> RoleAssignment
    {
        guard let role = BuiltInRoles.role(id: roleID), role.applicableTo.contains(scope.type) else {
            throw .invalidValue(field: "role", reason: "no such role, or not applicable to \(scope.type.rawValue)")
        }
        let assignment = RoleAssignment(
            id: UUID(),
            applicationID: applicationID,
            roleID: roleID,
            scope: scope,
            createdAt: clock.nowToTheMillisecond
        )
        try StoreAccess.write(store) { writer in try writer.insert(assignment) }
        forget(applicationID)
        return assignment
    }
}
