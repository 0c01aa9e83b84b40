extension Migration {
    /// Webhook subscriptions and their delivery positions. Version 8 belongs to the key rotation
    /// policy work on its own branch.
    ///
    /// `subscriptions` holds the settings and the signing secret, sealed like a private key
    /// (a data key wrapped by the master key, the subscription id as associated data);
    /// `subscription_deliveries` the cursor and retry state, apart so that replacing the settings
    /// never races the worker's writes. Both go with their environment.
    ///
    /// The cursor is a position in the audit log's commit order. SQLite already has one: the
    /// implicit `rowid` of `audit_events`, which grows with every insert since events are never
    /// deleted and the single writer commits in insert order; an index on `environment_id`
    /// (which carries the rowid) reads one environment's events after a position. PostgreSQL
    /// gets a `BIGSERIAL` column instead. Caveat: a sequence value is taken at insert, not at
    /// commit, so two concurrent transactions may commit out of sequence order, and a reader may
    /// pass a position whose event is not yet visible. A PostgreSQL store must therefore read
    /// only up to the oldest position still in flight (or serialise event inserts with an
    /// advisory lock) before it can deliver from this column.
    static let createSubscriptions = Migration(
        version: 9,
        name: "create subscriptions",
        sqlite: """
            CREATE TABLE subscriptions (
                id TEXT PRIMARY KEY,
                environment_id TEXT NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
                verify_tls_certificates INTEGER NOT NULL CHECK (verify_tls_certificates IN (0, 1)),
                included_action_types TEXT NOT NULL,
                included_applications TEXT NOT NULL,
                ip_address_exposed INTEGER NOT NULL CHECK (ip_address_exposed IN (0, 1)),
                user_agent_exposed INTEGER NOT NULL CHECK (user_agent_exposed IN (0, 1)),
                url TEXT NOT NULL,
                headers TEXT NOT NULL,
                tls_client_auth_key_id TEXT,
                maximum_events_per_payload INTEGER NOT NULL,
                payload_format TEXT NOT NULL,
                pretty_print INTEGER NOT NULL CHECK (pretty_print IN (0, 1)),
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                wrapped_data_key BLOB NOT NULL,
                sealed_signing_secret BLOB NOT NULL
            ) STRICT;
            CREATE INDEX subscriptions_by_environment ON subscriptions (environment_id, id);
            CREATE INDEX subscriptions_by_client_key ON subscriptions (tls_client_auth_key_id);
            CREATE TABLE subscription_deliveries (
                subscription_id TEXT PRIMARY KEY REFERENCES subscriptions (id) ON DELETE CASCADE,
                delivered_through INTEGER NOT NULL,
                attempts INTEGER NOT NULL,
                next_attempt_at INTEGER,
                last_error TEXT,
                last_delivered_at INTEGER
            ) STRICT;
            CREATE INDEX audit_events_by_position ON audit_events (environment_id);
            """,
        postgres: """
            CREATE TABLE subscriptions (
                id UUID PRIMARY KEY,
                environment_id UUID NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                enabled BOOLEAN NOT NULL,
                verify_tls_certificates BOOLEAN NOT NULL,
                included_action_types TEXT NOT NULL,
                included_applications TEXT NOT NULL,
                ip_address_exposed BOOLEAN NOT NULL,
                user_agent_exposed BOOLEAN NOT NULL,
                url TEXT NOT NULL,
                headers TEXT NOT NULL,
                tls_client_auth_key_id UUID,
                maximum_events_per_payload INTEGER NOT NULL,
                payload_format TEXT NOT NULL,
                pretty_print BOOLEAN NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                wrapped_data_key BYTEA NOT NULL,
                sealed_signing_secret BYTEA NOT NULL
            );
            CREATE INDEX subscriptions_by_environment ON subscriptions (environment_id, id);
            CREATE INDEX subscriptions_by_client_key ON subscriptions (tls_client_auth_key_id);
            CREATE TABLE subscription_deliveries (
                subscription_id UUID PRIMARY KEY REFERENCES subscriptions (id) ON DELETE CASCADE,
                delivered_through BIGINT NOT NULL,
                attempts INTEGER NOT NULL,
                next_attempt_at BIGINT,
                last_error TEXT,
                last_delivered_at BIGINT
            );
            ALTER TABLE audit_events ADD COLUMN position BIGSERIAL;
            CREATE UNIQUE INDEX audit_events_by_position ON audit_events (environment_id, position);
            """
    )
}
