extension Migration {
    /// The audit log. Events are append-only and have no foreign keys: they outlive the
    /// environment, key or application they name. Indexed for PingOne's queries: an environment's
    /// time range, and within it an action type, a resource or an actor; paged by
    /// (`recorded_at`, `id`). Version 6 belongs to the roles work on its own branch.
    static let createAuditEvents = Migration(
        version: 7,
        name: "create audit events",
        sqlite: """
            CREATE TABLE audit_events (
                id TEXT PRIMARY KEY,
                environment_id TEXT NOT NULL,
                organization_id TEXT NOT NULL,
                recorded_at INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                correlation_id TEXT,
                action_type TEXT NOT NULL,
                actor_client_id TEXT,
                actor_name TEXT,
                actor_environment_id TEXT,
                resource_type TEXT,
                resource_id TEXT,
                resource_name TEXT,
                resource_environment_id TEXT,
                result_status TEXT NOT NULL CHECK (result_status IN ('SUCCESS', 'FAILURE')),
                result_description TEXT NOT NULL,
                client_address TEXT
            ) STRICT;
            CREATE INDEX audit_events_by_time ON audit_events (environment_id, recorded_at, id);
            CREATE INDEX audit_events_by_action ON audit_events (environment_id, action_type, recorded_at, id);
            CREATE INDEX audit_events_by_resource ON audit_events (resource_id, recorded_at, id);
            CREATE INDEX audit_events_by_actor ON audit_events (actor_client_id, recorded_at, id);
            """,
        postgres: """
            CREATE TABLE audit_events (
                id UUID PRIMARY KEY,
                environment_id UUID NOT NULL,
                organization_id UUID NOT NULL,
                recorded_at BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                correlation_id TEXT,
                action_type TEXT NOT NULL,
                actor_client_id UUID,
                actor_name TEXT,
                actor_environment_id UUID,
                resource_type TEXT,
                resource_id UUID,
                resource_name TEXT,
                resource_environment_id UUID,
                result_status TEXT NOT NULL CHECK (result_status IN ('SUCCESS', 'FAILURE')),
                result_description TEXT NOT NULL,
                client_address TEXT
            );
            CREATE INDEX audit_events_by_time ON audit_events (environment_id, recorded_at, id);
            CREATE INDEX audit_events_by_action ON audit_events (environment_id, action_type, recorded_at, id);
            CREATE INDEX audit_events_by_resource ON audit_events (resource_id, recorded_at, id);
            CREATE INDEX audit_events_by_actor ON audit_events (actor_client_id, recorded_at, id);
            """
    )
}
