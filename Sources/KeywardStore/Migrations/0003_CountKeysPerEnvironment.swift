extension Migration {
    /// A running count of each environment's keys, kept by triggers, so that listing a page
    /// does not count the whole environment: `count(*)` read the environment's entire index
    /// (6.5–10 ms at 100,000 keys, measured by `keyward bench store`); one row costs nothing.
    /// Keys never move between environments (`environment_id` is fixed), so insert and delete
    /// are the only changes to count; the environment's cascade removes its row.
    static let countKeysPerEnvironment = Migration(
        version: 3,
        name: "count keys per environment",
        sqlite: """
            CREATE TABLE environment_key_counts (
                environment_id TEXT PRIMARY KEY REFERENCES environments (id) ON DELETE CASCADE,
                key_count INTEGER NOT NULL
            ) STRICT;
            INSERT INTO environment_key_counts (environment_id, key_count)
                SELECT environment_id, count(*) FROM keys GROUP BY environment_id;
            CREATE TRIGGER keys_counted_on_insert AFTER INSERT ON keys BEGIN
                INSERT INTO environment_key_counts (environment_id, key_count) VALUES (NEW.environment_id, 1)
                    ON CONFLICT (environment_id) DO UPDATE SET key_count = key_count + 1;
            END;
            CREATE TRIGGER keys_counted_on_delete AFTER DELETE ON keys BEGIN
                UPDATE environment_key_counts SET key_count = key_count - 1 WHERE environment_id = OLD.environment_id;
            END;
            """,
        postgres: """
            CREATE TABLE environment_key_counts (
                environment_id UUID PRIMARY KEY REFERENCES environments (id) ON DELETE CASCADE,
                key_count BIGINT NOT NULL
            );
            INSERT INTO environment_key_counts (environment_id, key_count)
                SELECT environment_id, count(*) FROM keys GROUP BY environment_id;
            CREATE FUNCTION keys_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    INSERT INTO environment_key_counts (environment_id, key_count) VALUES (NEW.environment_id, 1)
                        ON CONFLICT (environment_id)
                        DO UPDATE SET key_count = environment_key_counts.key_count + 1;
                ELSE
                    UPDATE environment_key_counts SET key_count = key_count - 1
                        WHERE environment_id = OLD.environment_id;
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER keys_counted AFTER INSERT OR DELETE ON keys
                FOR EACH ROW EXECUTE FUNCTION keys_count_change();
            """
    )
}
