/// The schema history: every migration, in the order it is applied at start-up.
enum Migrations {
    /// Every migration, oldest first; the last one's version is the schema this code expects.
    static let all: [Migration] = [
        .createSchema,
        .createCertificates,
        .countKeysPerEnvironment,
        .createApplications,
        .trustChainAsPEMBundle,
        .createRoleAssignments,
        .createAuditEvents,
        .rotationAndScheduling,
        .createSubscriptions,
    ]

    /// The newest schema version this code knows; a database recorded at a higher one is refused.
    static var latestVersion: Int { all.last?.version ?? 0 }

    /// The ledger of applied migrations, created before any migration runs.
    static let ledgerSQLite = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at INTEGER NOT NULL
        );
        """

    /// The same ledger for PostgreSQL.
    static let ledgerPostgres = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at BIGINT NOT NULL
        );
        """
}
