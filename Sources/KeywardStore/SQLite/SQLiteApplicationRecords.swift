import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Rows of `applications`: scoped to an environment like keys.
extension SQLiteTransaction {
    static let applications = SQLiteTable(
        name: "applications",
        columns: [
            "id", "environment_id", "name", "enabled", "token_endpoint_auth_method", "secret_hash", "created_at",
            "updated_at", "description", "attributes", "previous_secret_hash", "previous_secret_expires_at",
        ],
        fixed: ["created_at"],
        keyColumns: ["id", "environment_id"],
        sealed: false
    )

    func application(id: UUID, environmentID: UUID) throws -> Application? {
        try reading().queryFirst(
            Self.applications.select + " WHERE id = ? AND environment_id = ?",
            [.uuid(id), .uuid(environmentID)],
            Self.decodeApplication
        )
    }

    /// The environment's applications, ordered by id.
    func applications(environmentID: UUID) throws -> [Application] {
        try reading().query(
            Self.applications.select + " WHERE environment_id = ? ORDER BY id",
            [.uuid(environmentID)],
            Self.decodeApplication
        )
    }

    func insert(_ application: Application) throws {
        try writing().run(Self.applications.insert, Self.values(application))
    }

    /// Changes every field but `id`, `environmentID` and `createdAt`.
    func update(_ application: Application) throws {
        try changeOne(
            Self.applications.update,
            Self.applications.updateBindings(Self.values(application)),
            missing: "no application with this id in this environment"
        )
    }

    /// Deletes the application; its role assignments go with it (`ON DELETE CASCADE`).
    func deleteApplication(id: UUID, environmentID: UUID) throws {
        try changeOne(
            "DELETE FROM applications WHERE id = ? AND environment_id = ?",
            [.uuid(id), .uuid(environmentID)],
            missing: "no application with this id in this environment"
        )
    }

    private static func values(_ application: Application) -> [SQLiteValue] {
        [
            .uuid(application.id), .uuid(application.environmentID), .text(application.name),
            .bool(application.enabled), .text(application.tokenEndpointAuthMethod.rawValue),
            .text(application.secretHash), .date(application.createdAt), .date(application.updatedAt),
            .text(application.description), .text(application.attributesJSON), .text(application.previousSecretHash),
            .date(application.previousSecretExpiresAt),
        ]
    }

    private static func decodeApplication(_ row: inout SQLiteRow) throws(StoreError) -> Application {
        Application(
            id: try row.uuid(),
            environmentID: try row.uuid(),
            name: try row.text(),
            enabled: try row.bool(),
            tokenEndpointAuthMethod: try row.value(TokenEndpointAuthMethod.self),
            secretHash: try row.text(),
            createdAt: try row.date(),
            updatedAt: try row.date(),
            description: row.optionalText(),
            attributesJSON: row.optionalText(),
            previousSecretHash: row.optionalText(),
            previousSecretExpiresAt: row.optionalDate()
        )
    }
}
