import Foundation
import KeywardCore
import Testing

@testable import KeywardStore

@Suite struct MigrationTests {
    private static let tables = [
        "applications", "audit_events", "certificates", "environment_key_counts", "environments",
        "installation_root", "job_leases", "keys",
        "organizations",
        "pooled_keys",
        "role_assignments",
        "rotation_policies",
        "schema_migrations",
        "subscription_deliveries",
        "subscriptions",
    ]

    private func tableNames(_ database: TestDatabase) throws -> [String] {
        try database.rawConnection().query(
            "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name",
            []
        ) { row throws(StoreError) in try row.text() }
    }

    private func ledger(_ database: TestDatabase) throws -> [[String]] {
        try database.rawConnection().query(
            "SELECT version, name, applied_at FROM schema_migrations ORDER BY version",
            []
        ) { row throws(StoreError) in ["\(try row.integer())", try row.text(), "\(try row.integer())"] }
    }

    /// Versions only grow. While branches are apart one may leave a number for another (the audit
    /// log took 7 while the roles work holds 6), so a gap is allowed; a repeat or a step back is not.
    @Test func migrationVersionsStartAtOneAndIncrease() {
        let versions = Migrations.all.map(\.version)
        #expect(versions.first == 1)
        #expect(zip(versions, versions.dropFirst()).allSatisfy { $0 < $1 })
        #expect(Migrations.latestVersion == versions.last)
    }

    @Test func everyMigrationCarriesSQLForBothStoresAndTheSameTables() throws {
        for migration in Migrations.all {
            let created = { (sql: String) in
                Set(
                    sql.components(separatedBy: "CREATE TABLE ").dropFirst().compactMap {
                        $0.split(separator: " ").first
                    }
                )
            }
            #expect(!migration.sqlite.isEmpty && !migration.postgres.isEmpty)
            #expect(created(migration.sqlite) == created(migration.postgres), "migration \(migration.version)")
        }
    }

    @Test func anEmptyFileIsMigratedToTheLatestSchema() throws {
        let database = try TestDatabase()
        try database.withStore { _ in }
        #expect(try tableNames(database) == Self.tables)
        #expect(try ledger(database).map { $0[0] } == Migrations.all.map { "\($0.version)" })
        #expect(try ledger(database).map { $0[1] } == Migrations.all.map(\.name))
    }

    @Test func reopeningAMigratedFileChangesNothing() throws {
        let database = try TestDatabase()
        let (organization, _) = try database.withStore { try Sample.tenant(in: $0) }
        let before = try ledger(database)
        let schema = try database.rawConnection().query("SELECT sql FROM sqlite_schema ORDER BY name", []) {
            row throws(StoreError) in row.optionalText()
        }
        try database.withStore { store throws in
            #expect(try store.read { try $0.organization(id: organization.id) } == organization)
        }
        #expect(try ledger(database) == before)
        #expect(
            try database.rawConnection().query("SELECT sql FROM sqlite_schema ORDER BY name", []) {
                row throws(StoreError) in row.optionalText()
            } == schema
        )
    }

    @Test func aDatabaseOfANewerSchemaVersionIsRefused() throws {
        let database = try TestDatabase()
        try database.withStore { _ in }
        let newer = Migrations.latestVersion + 1
        try database.rawExecute("INSERT INTO schema_migrations VALUES (\(newer), 'from the future', 0)")
        #expect {
            _ = try database.open()
        } throws: { error in
            guard case StoreError.unavailable(let message) = error else { return false }
            return message.contains("schema version \(newer), newer than this Keyward knows")
        }
        #expect(try ledger(database).count == Migrations.all.count + 1)
    }

    @Test func aNewMigrationIsAppliedOnceWhenAnOlderFileIsOpened() throws {
        let database = try TestDatabase()
        try database.withStore { _ in }
        let next = Migration(
            version: Migrations.latestVersion + 1,
            name: "add notes",
            sqlite: "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL) STRICT;",
            postgres: "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);"
        )
        for _ in 0..<2 {
            _ = try SQLiteStore(
                path: database.path,
                masterKey: database.masterKey,
                readers: 1,
                migrations: Migrations.all + [next]
            )
        }
        #expect(try tableNames(database).contains("notes"))
        #expect(try ledger(database).map { $0[1] } == Migrations.all.map(\.name) + ["add notes"])
    }

    @Test func migrationFiveTurnsAJSONTrustChainIntoAPEMBundle() throws {
        let database = try TestDatabase()
        // A database at schema 5, so that migration 5 is the only one to run again below.
        let key = try withExtendedLifetime(
            try SQLiteStore(
                path: database.path,
                masterKey: database.masterKey,
                readers: 1,
                migrations: Array(Migrations.all.prefix(5))
            )
        ) { store in
            let (_, environment) = try Sample.tenant(in: store)
            let key = try Sample.key(in: environment)
            // Today's key rows carry migration 8's column; it is dropped again below.
            try database.rawExecute("ALTER TABLE keys ADD COLUMN rotation_policy_id TEXT;")
            try store.write { try $0.insert(key, privateKey: Sample.sharedKey) }
            return key
        }
        #expect(key.trustChain.count == 2)
        // Put the database back as migration 4 left it: the chain as a JSON array of strings, and
        // none of the later tables.
        let json = String(decoding: try JSONEncoder().encode(key.trustChain), as: UTF8.self)
        try database.rawExecute(
            "UPDATE keys SET trust_chain = '\(json.replacingOccurrences(of: "'", with: "''"))';"
                + " ALTER TABLE keys DROP COLUMN rotation_policy_id;"
                + " DELETE FROM schema_migrations WHERE version >= 5;"
        )
        let migrated = try database.withStore { store in
            try store.read { try $0.key(id: key.id, environmentID: key.environmentID) }
        }
        #expect(migrated?.trustChain == key.trustChain)
        #expect(PEMBundle.split(PEMBundle.join(key.trustChain)) == key.trustChain)
        #expect(PEMBundle.split("") == [])
    }

    @Test func migrationSixGivesEveryExistingApplicationOrganizationAdmin() throws {
        let database = try TestDatabase()
        let (organization, environment) = try withExtendedLifetime(
            try SQLiteStore(
                path: database.path,
                masterKey: database.masterKey,
                readers: 1,
                migrations: Array(Migrations.all.prefix(5))
            )
        ) { store in try Sample.tenant(in: store) }
        let application = UUID()
        try database.rawExecute(
            "INSERT INTO applications (id, environment_id, name, enabled, token_endpoint_auth_method, secret_hash,"
                + " created_at, updated_at) VALUES ('\(application.lowercaseString)',"
                + " '\(environment.id.lowercaseString)', 'admin', 1, 'CLIENT_SECRET_BASIC', 'x', 1, 1)"
        )
        let assignments = try database.withStore { store in
            try store.read { try $0.roleAssignments(applicationID: application) }
        }
        #expect(assignments.map(\.roleID) == [BuiltInRoles.organizationAdminID])
        #expect(assignments.map(\.scope) == [.organization(organization.id)])
        #expect(assignments.first.map { UUID(uuidString: $0.id.uuidString) != nil } == true)
        #expect(
            try database.withStore {
                try $0.read { try $0.application(id: application, environmentID: environment.id) }
            }?.previousSecretHash == nil
        )
    }

    @Test func aFailingMigrationLeavesTheDatabaseAsItWas() throws {
        let database = try TestDatabase()
        try database.withStore { _ in }
        let broken = Migration(
            version: Migrations.latestVersion + 1,
            name: "broken",
            sqlite: "CREATE TABLE half_done (id INTEGER PRIMARY KEY); CREATE TABLE keys (id TEXT);",
            postgres: ""
        )
        #expect(throws: StoreError.self) {
            _ = try SQLiteStore(
                path: database.path,
                masterKey: database.masterKey,
                readers: 1,
                migrations: Migrations.all + [broken]
            )
        }
        #expect(try tableNames(database) == Self.tables)
        #expect(try ledger(database).count == Migrations.all.count)
    }
}
