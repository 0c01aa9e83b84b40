extension Migration {
    /// Application role assignments, and what the applications API stores: a description, the
    /// accepted-but-unused members as a JSON object, and the rotated-out secret's hash with the
    /// end of its grace period. Assignments go with their application; those scoped to an
    /// environment are deleted with it by `deleteEnvironment` (the scope id names an
    /// organization or an environment, so it has no foreign key).
    ///
    /// Before roles, every application could act on its whole organization; each existing one
    /// is given Organization Admin (`ddd1bc4e-…`) over it, so nothing changes for it (and an
    /// installation's administrator is not locked out by the upgrade).
    static let createRoleAssignments = Migration(
        version: 6,
        name: "create role assignments",
        sqlite: """
            ALTER TABLE applications ADD COLUMN description TEXT;
            ALTER TABLE applications ADD COLUMN attributes TEXT;
            ALTER TABLE applications ADD COLUMN previous_secret_hash TEXT;
            ALTER TABLE applications ADD COLUMN previous_secret_expires_at INTEGER;
            CREATE TABLE role_assignments (
                id TEXT PRIMARY KEY,
                application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
                role_id TEXT NOT NULL,
                scope_type TEXT NOT NULL CHECK (scope_type IN ('ORGANIZATION', 'ENVIRONMENT')),
                scope_id TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                UNIQUE (application_id, role_id, scope_type, scope_id)
            ) STRICT;
            CREATE INDEX role_assignments_by_application ON role_assignments (application_id, id);
            CREATE INDEX role_assignments_by_scope ON role_assignments (scope_id);
            INSERT INTO role_assignments (id, application_id, role_id, scope_type, scope_id, created_at)
            SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
                    || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1)
                    || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
                applications.id, 'ddd1bc4e-495c-44d8-be7e-5faae3f2fe6a', 'ORGANIZATION',
                environments.organization_id, applications.created_at
            FROM applications JOIN environments ON environments.id = applications.environment_id;
            """,
        postgres: """
            ALTER TABLE applications ADD COLUMN description TEXT;
            ALTER TABLE applications ADD COLUMN attributes TEXT;
            ALTER TABLE applications ADD COLUMN previous_secret_hash TEXT;
            ALTER TABLE applications ADD COLUMN previous_secret_expires_at BIGINT;
            CREATE TABLE role_assignments (
                id UUID PRIMARY KEY,
                application_id UUID NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
                role_id UUID NOT NULL,
                scope_type TEXT NOT NULL CHECK (scope_type IN ('ORGANIZATION', 'ENVIRONMENT')),
                scope_id UUID NOT NULL,
                created_at BIGINT NOT NULL,
                UNIQUE (application_id, role_id, scope_type, scope_id)
            );
            CREATE INDEX role_assignments_by_application ON role_assignments (application_id, id);
            CREATE INDEX role_assignments_by_scope ON role_assignments (scope_id);
            INSERT INTO role_assignments (id, application_id, role_id, scope_type, scope_id, created_at)
            SELECT gen_random_uuid(), applications.id, 'ddd1bc4e-495c-44d8-be7e-5faae3f2fe6a', 'ORGANIZATION',
                environments.organization_id, applications.created_at
            FROM applications JOIN environments ON environments.id = applications.environment_id;
            """
    )
}
