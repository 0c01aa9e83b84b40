extension Migration {
    /// Worker applications (API clients). `secret_hash` holds a salted PBKDF2 hash, never the
    /// secret; applications go with their environment.
    static let createApplications = Migration(
        version: 4,
        name: "create applications",
        sqlite: """
            CREATE TABLE applications (
                id TEXT PRIMARY KEY,
                environment_id TEXT NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
                token_endpoint_auth_method TEXT NOT NULL,
                secret_hash TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX applications_by_environment ON applications (environment_id, id);
            """,
        postgres: """
            CREATE TABLE applications (
                id UUID PRIMARY KEY,
                environment_id UUID NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                enabled BOOLEAN NOT NULL,
                token_endpoint_auth_method TEXT NOT NULL,
                secret_hash TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            );
            CREATE INDEX applications_by_environment ON applications (environment_id, id);
            """
    )
}
