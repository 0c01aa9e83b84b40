extension Migration {
    /// The first schema: the installation root, tenants, keys, rotation policies and the key pool.
    ///
    /// Conventions for every table: ids are lower-case UUID text (`uuid` in PostgreSQL), times
    /// integer milliseconds since 1970 UTC, booleans 0/1 (`boolean`), private keys only as the
    /// `wrapped_data_key` + `sealed_private_key` pair of `KeySealer`. `keys.serial_number` is the
    /// big-endian magnitude; `keys.trust_chain` a JSON array of PEM strings, leaf's issuer first.
    /// `keys_by_environment` serves keyset paging (`environment_id = ? AND id > ? ORDER BY id`),
    /// so a page costs its own rows however many keys the environment holds.
    static let createSchema = Migration(
        version: 1,
        name: "create schema",
        sqlite: """
            CREATE TABLE installation_root (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                certificate_der BLOB NOT NULL,
                created_at INTEGER NOT NULL,
                wrapped_data_key BLOB NOT NULL,
                sealed_private_key BLOB NOT NULL
            ) STRICT;

            CREATE TABLE organizations (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                description TEXT,
                type TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                certificate_der BLOB NOT NULL,
                wrapped_data_key BLOB NOT NULL,
                sealed_private_key BLOB NOT NULL
            ) STRICT;

            CREATE TABLE environments (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                description TEXT,
                region TEXT,
                type TEXT,
                license_id TEXT,
                bill_of_materials_json TEXT,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                UNIQUE (organization_id, name)
            ) STRICT;

            CREATE TABLE keys (
                id TEXT PRIMARY KEY,
                environment_id TEXT NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
                organization_id TEXT NOT NULL,
                name TEXT NOT NULL,
                algorithm TEXT NOT NULL,
                key_length INTEGER NOT NULL,
                signature_algorithm TEXT NOT NULL,
                subject_dn TEXT NOT NULL,
                issuer_dn TEXT NOT NULL,
                serial_number BLOB NOT NULL,
                validity_period INTEGER NOT NULL,
                usage_type TEXT NOT NULL,
                is_default INTEGER NOT NULL CHECK (is_default IN (0, 1)),
                custom_crl TEXT,
                trust_chain TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                starts_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                revoked_at INTEGER,
                certificate_der BLOB NOT NULL,
                wrapped_data_key BLOB NOT NULL,
                sealed_private_key BLOB NOT NULL
            ) STRICT;
            CREATE INDEX keys_by_environment ON keys (environment_id, id);
            CREATE UNIQUE INDEX keys_one_default_per_usage ON keys (environment_id, usage_type) WHERE is_default = 1;

            CREATE TABLE rotation_policies (
                id TEXT PRIMARY KEY,
                environment_id TEXT NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                is_default INTEGER NOT NULL CHECK (is_default IN (0, 1)),
                dn TEXT NOT NULL,
                key_length INTEGER NOT NULL,
                validity_period INTEGER NOT NULL,
                rotation_period INTEGER NOT NULL,
                current_key_id TEXT,
                next_key_id TEXT,
                rotated_at INTEGER,
                created_at INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX rotation_policies_by_environment ON rotation_policies (environment_id, created_at);

            CREATE TABLE pooled_keys (
                id TEXT PRIMARY KEY,
                algorithm TEXT NOT NULL,
                key_length INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                wrapped_data_key BLOB NOT NULL,
                sealed_private_key BLOB NOT NULL
            ) STRICT;
            CREATE INDEX pooled_keys_by_spec ON pooled_keys (algorithm, key_length, created_at);
            """,
        postgres: """
            CREATE TABLE installation_root (
                id SMALLINT PRIMARY KEY CHECK (id = 1),
                certificate_der BYTEA NOT NULL,
                created_at BIGINT NOT NULL,
                wrapped_data_key BYTEA NOT NULL,
                sealed_private_key BYTEA NOT NULL
            );

            CREATE TABLE organizations (
                id UUID PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                description TEXT,
                type TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                certificate_der BYTEA NOT NULL,
                wrapped_data_key BYTEA NOT NULL,
                sealed_private_key BYTEA NOT NULL
            );

            CREATE TABLE environments (
                id UUID PRIMARY KEY,
                organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                description TEXT,
                region TEXT,
                type TEXT,
                license_id TEXT,
                bill_of_materials_json TEXT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                UNIQUE (organization_id, name)
            );

            CREATE TABLE keys (
                id UUID PRIMARY KEY,
                environment_id UUID NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
                organization_id UUID NOT NULL,
                name TEXT NOT NULL,
                algorithm TEXT NOT NULL,
                key_length INTEGER NOT NULL,
                signature_algorithm TEXT NOT NULL,
                subject_dn TEXT NOT NULL,
                issuer_dn TEXT NOT NULL,
                serial_number BYTEA NOT NULL,
                validity_period INTEGER NOT NULL,
                usage_type TEXT NOT NULL,
                is_default BOOLEAN NOT NULL,
                custom_crl TEXT,
                trust_chain TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                starts_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                revoked_at BIGINT,
                certificate_der BYTEA NOT NULL,
                wrapped_data_key BYTEA NOT NULL,
                sealed_private_key BYTEA NOT NULL
            );
            CREATE INDEX keys_by_environment ON keys (environment_id, id);
            CREATE UNIQUE INDEX keys_one_default_per_usage ON keys (environment_id, usage_type) WHERE is_default;

            CREATE TABLE rotation_policies (
                id UUID PRIMARY KEY,
                environment_id UUID NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                is_default BOOLEAN NOT NULL,
                dn TEXT NOT NULL,
                key_length INTEGER NOT NULL,
                validity_period INTEGER NOT NULL,
                rotation_period INTEGER NOT NULL,
                current_key_id UUID,
                next_key_id UUID,
                rotated_at BIGINT,
                created_at BIGINT NOT NULL
            );
            CREATE INDEX rotation_policies_by_environment ON rotation_policies (environment_id, created_at);

            CREATE TABLE pooled_keys (
                id UUID PRIMARY KEY,
                algorithm TEXT NOT NULL,
                key_length INTEGER NOT NULL,
                created_at BIGINT NOT NULL,
                wrapped_data_key BYTEA NOT NULL,
                sealed_private_key BYTEA NOT NULL
            );
            CREATE INDEX pooled_keys_by_spec ON pooled_keys (algorithm, key_length, created_at);
            """
    )
}
