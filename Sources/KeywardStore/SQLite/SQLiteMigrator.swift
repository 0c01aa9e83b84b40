import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Brings a SQLite database to the newest schema at open, in one transaction.
///
/// Applied versions are recorded in `schema_migrations`; opening an up-to-date database changes
/// nothing, and a database recorded at a version newer than this code knows is refused before
/// anything is touched, since an older binary would misread what a newer one wrote.
enum SQLiteMigrator {
    static func migrate(
        _ connection: SQLiteConnection,
        migrations: [Migration] = Migrations.all,
        now: Date = Date()
    ) throws {
        try connection.transaction(begin: "BEGIN IMMEDIATE") {
            try connection.execute(script: Migrations.ledgerSQLite)
            let current =
                try connection.queryFirst("SELECT coalesce(max(version), 0) FROM schema_migrations", []) {
                    row throws(StoreError) in
                    try row.int()
                } ?? 0
            let latest = migrations.last?.version ?? 0
            guard current <= latest else {
                throw StoreError.unavailable(
                    "the database is at schema version \(current), newer than this Keyward knows (\(latest)); "
                        + "run a Keyward release that knows it"
                )
            }
            for migration in migrations where migration.version > current {
                try connection.execute(script: migration.sqlite)
                try connection.run(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    [.int(migration.version), .text(migration.name), .date(now)]
                )
            }
        }
    }

    /// The versions recorded in `schema_migrations`, oldest first.
    static func appliedVersions(_ connection: SQLiteConnection) throws(StoreError) -> [Int] {
        try connection.query("SELECT version FROM schema_migrations ORDER BY version", []) { row throws(StoreError) in
            try row.int()
        }
    }
}
