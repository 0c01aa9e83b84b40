extension Migration {
    /// Live key rotation policies and the background scheduler.
    ///
    /// - `rotation_policies` gains the `PREVIOUS` key and the time it leaves the JWKS, when the
    ///   next rotation is due (computed by KeywardCore at every change, indexed so the scheduler
    ///   reads only due rows), and `updated_at`.
    /// - `keys.rotation_policy_id` marks a key a policy generated and rotates (no foreign key:
    ///   the policy service deletes its keys itself, with their events).
    /// - `expiry_notices` remembers which EXPIRING/EXPIRED events were written, so each is
    ///   written once; `expires_at` indexes let the scheduler find candidates without a scan.
    /// - `job_leases`: one row per background job; a node runs a job only while it holds the
    ///   row's lease, so that exactly one node does each job.
    static let rotationAndScheduling = Migration(
        version: 8,
        name: "rotation and scheduling",
        sqlite: """
            ALTER TABLE rotation_policies ADD COLUMN previous_key_id TEXT;
            ALTER TABLE rotation_policies ADD COLUMN previous_retires_at INTEGER;
            ALTER TABLE rotation_policies ADD COLUMN next_rotation_at INTEGER;
            ALTER TABLE rotation_policies ADD COLUMN updated_at INTEGER;
            CREATE INDEX rotation_policies_by_schedule ON rotation_policies (next_rotation_at);
            CREATE INDEX rotation_policies_by_retirement ON rotation_policies (previous_retires_at);
            ALTER TABLE keys ADD COLUMN rotation_policy_id TEXT;
            CREATE INDEX keys_by_rotation_policy ON keys (rotation_policy_id);
            CREATE INDEX keys_by_expiry ON keys (expires_at);
            CREATE INDEX certificates_by_expiry ON certificates (expires_at);
            CREATE TABLE expiry_notices (
                record_id TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('EXPIRING', 'EXPIRED')),
                noticed_at INTEGER NOT NULL,
                PRIMARY KEY (record_id, status)
            ) STRICT;
            CREATE TABLE job_leases (
                name TEXT PRIMARY KEY,
                holder TEXT NOT NULL,
                expires_at INTEGER NOT NULL
            ) STRICT;
            """,
        postgres: """
            ALTER TABLE rotation_policies ADD COLUMN previous_key_id UUID;
            ALTER TABLE rotation_policies ADD COLUMN previous_retires_at BIGINT;
            ALTER TABLE rotation_policies ADD COLUMN next_rotation_at BIGINT;
            ALTER TABLE rotation_policies ADD COLUMN updated_at BIGINT;
            CREATE INDEX rotation_policies_by_schedule ON rotation_policies (next_rotation_at);
            CREATE INDEX rotation_policies_by_retirement ON rotation_policies (previous_retires_at);
            ALTER TABLE keys ADD COLUMN rotation_policy_id UUID;
            CREATE INDEX keys_by_rotation_policy ON keys (rotation_policy_id);
            CREATE INDEX keys_by_expiry ON keys (expires_at);
            CREATE INDEX certificates_by_expiry ON certificates (expires_at);
            CREATE TABLE expiry_notices (
                record_id UUID NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('EXPIRING', 'EXPIRED')),
                noticed_at BIGINT NOT NULL,
                PRIMARY KEY (record_id, status)
            );
            CREATE TABLE job_leases (
                name TEXT PRIMARY KEY,
                holder TEXT NOT NULL,
                expires_at BIGINT NOT NULL
            );
            """
    )
}
