extension Migration {
    /// Uploaded public certificates (PingOne's Certificates resource): no private key, so no
    /// sealed columns. `signature_algorithm` may be NULL for algorithms outside the data model
    /// (e.g. RSA-PSS); `certificates_by_environment` serves keyset paging as for keys.
    static let createCertificates = Migration(
        version: 2,
        name: "create certificates",
        sqlite: """
            CREATE TABLE certificates (
                id TEXT PRIMARY KEY,
                environment_id TEXT NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
                organization_id TEXT NOT NULL,
                name TEXT NOT NULL,
                algorithm TEXT NOT NULL,
                key_length INTEGER NOT NULL,
                signature_algorithm TEXT,
                subject_dn TEXT NOT NULL,
                issuer_dn TEXT NOT NULL,
                serial_number BLOB NOT NULL,
                validity_period INTEGER NOT NULL,
                usage_type TEXT NOT NULL,
                is_default INTEGER NOT NULL CHECK (is_default IN (0, 1)),
                created_at INTEGER NOT NULL,
                starts_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                revoked_at INTEGER,
                certificate_der BLOB NOT NULL
            ) STRICT;
            CREATE INDEX certificates_by_environment ON certificates (environment_id, id);
            """,
        postgres: """
            CREATE TABLE certificates (
                id UUID PRIMARY KEY,
                environment_id UUID NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
                organization_id UUID NOT NULL,
                name TEXT NOT NULL,
                algorithm TEXT NOT NULL,
                key_length INTEGER NOT NULL,
                signature_algorithm TEXT,
                subject_dn TEXT NOT NULL,
                issuer_dn TEXT NOT NULL,
                serial_number BYTEA NOT NULL,
                validity_period INTEGER NOT NULL,
                usage_type TEXT NOT NULL,
                is_default BOOLEAN NOT NULL,
                created_at BIGINT NOT NULL,
                starts_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                revoked_at BIGINT,
                certificate_der BYTEA NOT NULL
            );
            CREATE INDEX certificates_by_environment ON certificates (environment_id, id);
            """
    )
}
