extension Migration {
    /// Live key rotation policies and the background scheduler.
    ///
    /// - `rotation_policies` gains the `PREVIOUS` key and the time it leaves the JWKS, when the
    ///   next rotation is due (computed by KeywardCore at every change, indexed so the scheduler
    ///   reads only due rows), and `updated_at`.
    /// - `keys.rotation_policy_id` marks a key a policy generated and rotates (no foreign key:
    ///   the policy service deletes its keys itself, with their events).
    /// - `expiry_notice` on keys and certificates (0 none, 1 EXPIRING written, 2 EXPIRED written)
    ///   makes each event written once; a partial index holds only the rows still owing one, so
    ///   an idle scheduler pass reads none however many records expired long ago. A new
    ///   `expires_at` (a CA's answer to a CSR) starts the count again.
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
            ALTER TABLE keys ADD COLUMN expiry_notice INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE certificates ADD COLUMN expiry_notice INTEGER NOT NULL DEFAULT 0;
            CREATE INDEX keys_owing_expiry_notice ON keys (expires_at)
                WHERE expiry_notice < 2 AND revoked_at IS NULL;
            CREATE INDEX certificates_owing_expiry_notice ON certificates (expires_at)
                WHERE expiry_notice < 2 AND revoked_at IS NULL;
            CREATE TRIGGER keys_expiry_notice_reset AFTER UPDATE OF expires_at ON keys
                WHEN NEW.expires_at <> OLD.expires_at BEGIN
                UPDATE keys SET expiry_notice = 0 WHERE id = NEW.id;
            END;
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
            ALTER TABLE keys ADD COLUMN expiry_notice SMALLINT NOT NULL DEFAULT 0;
            ALTER TABLE certificates ADD COLUMN expiry_notice SMALLINT NOT NULL DEFAULT 0;
            CREATE INDEX keys_owing_expiry_notice ON keys (expires_at)
                WHERE expiry_notice < 2 AND revoked_at IS NULL;
            CREATE INDEX certificates_owing_expiry_notice ON certificates (expires_at)
                WHERE expiry_notice < 2 AND revoked_at IS NULL;
            CREATE FUNCTION keys_expiry_notice_reset() RETURNS trigger AS $$
            BEGIN
                IF NEW.expires_at <> OLD.expires_at THEN
                    NEW.expiry_notice := 0;
                END IF;
                RETURN NEW;
            END;
            $$ LANGUAGE plpgsql;
            CREATE TRIGGER keys_expiry_notice_reset BEFORE UPDATE OF expires_at ON keys
                FOR EACH ROW EXECUTE FUNCTION keys_expiry_notice_reset();
            CREATE TABLE job_leases (
                name TEXT PRIMARY KEY,
                holder TEXT NOT NULL,
                expires_at BIGINT NOT NULL
            );
            """
    )
}
