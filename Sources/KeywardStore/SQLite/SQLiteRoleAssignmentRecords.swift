import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Rows of `role_assignments`: an application's roles, each at an organization or environment.
extension SQLiteTransaction {
    static let roleAssignments = SQLiteTable(
        name: "role_assignments",
        columns: ["id", "application_id", "role_id", "scope_type", "scope_id", "created_at"],
        fixed: ["created_at"],
        keyColumns: ["id", "application_id"],
        sealed: false
    )

    /// The application's role assignments, ordered by id.
    func roleAssignments(applicationID: UUID) throws -> [RoleAssignment] {
        try reading().query(
            Self.roleAssignments.select + " WHERE application_id = ? ORDER BY id",
            [.uuid(applicationID)],
            Self.decodeRoleAssignment
        )
    }

    func insert(_ assignment: RoleAssignment) throws {
        try writing().run(
            Self.roleAssignments.insert,
            [
                .uuid(assignment.id), .uuid(assignment.applicationID), .uuid(assignment.roleID),
                .text(assignment.scope.type.rawValue), .uuid(assignment.scope.id), .date(assignment.createdAt),
            ]
        )
    }

    func deleteRoleAssignment(id: UUID, applicationID: UUID) throws {
        try changeOne(
            "DELETE FROM role_assignments WHERE id = ? AND application_id = ?",
            [.uuid(id), .uuid(applicationID)],
            missing: "no role assignment with this id for this application"
        )
    }

    private static func decodeRoleAssignment(_ row: inout SQLiteRow) throws(StoreError) -> RoleAssignment {
        RoleAssignment(
            id: try row.uuid(),
            applicationID: try row.uuid(),
            roleID: try row.uuid(),
            scope: Scope(type: try row.value(ScopeType.self), id: try row.uuid()),
            createdAt: try row.date()
        )
    }
}
