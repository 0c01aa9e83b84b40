import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Rows of `environments`; deleting one cascades to its keys and rotation policies.
extension SQLiteTransaction {
    static let environments = SQLiteTable(
        name: "environments",
        columns: [
            "id", "organization_id", "name", "description", "region", "type", "license_id",
            "bill_of_materials_json", "created_at", "updated_at",
        ],
        fixed: ["organization_id", "created_at"],
        keyColumns: ["id"],
        sealed: false
    )

    func environment(id: UUID) throws -> Environment? {
        try reading().queryFirst(Self.environments.select + " WHERE id = ?", [.uuid(id)], Self.decodeEnvironment)
    }

    /// The organization's environments, oldest first.
    func environments(organizationID: UUID) throws -> [Environment] {
        try reading().query(
            Self.environments.select + " WHERE organization_id = ? ORDER BY created_at, id",
            [.uuid(organizationID)],
            Self.decodeEnvironment
        )
    }

    func insert(_ environment: Environment) throws {
        try writing().run(Self.environments.insert, Self.values(environment))
    }

    /// Changes every field but `id`, `organizationID` and `createdAt`.
    func update(_ environment: Environment) throws {
        try changeOne(
            Self.environments.update,
            Self.environments.updateBindings(Self.values(environment)),
            missing: "no environment with this id"
        )
    }

    /// Deletes the environment; `ON DELETE CASCADE` deletes its keys and policies in the same
    /// statement, and `secure_delete` zeroes the freed pages, sealed keys included.
    func deleteEnvironment(id: UUID) throws {
        try writing().run(
            "DELETE FROM role_assignments WHERE scope_type = 'ENVIRONMENT' AND scope_id = ?",
            [.uuid(id)]
        )
        try changeOne("DELETE FROM environments WHERE id = ?", [.uuid(id)], missing: "no environment with this id")
    }

    private static func values(_ environment: Environment) -> [SQLiteValue] {
        [
            .uuid(environment.id), .uuid(environment.organizationID), .text(environment.name),
            .text(environment.description), .text(environment.region), .text(environment.type),
            .text(environment.licenseID), .text(environment.billOfMaterialsJSON), .date(environment.createdAt),
            .date(environment.updatedAt),
        ]
    }

    private static func decodeEnvironment(_ row: inout SQLiteRow) throws(StoreError) -> Environment {
        Environment(
            id: try row.uuid(),
            organizationID: try row.uuid(),
            name: try row.text(),
            description: row.optionalText(),
            region: row.optionalText(),
            type: row.optionalText(),
            licenseID: row.optionalText(),
            billOfMaterialsJSON: row.optionalText(),
            createdAt: try row.date(),
            updatedAt: try row.date()
        )
    }
}
