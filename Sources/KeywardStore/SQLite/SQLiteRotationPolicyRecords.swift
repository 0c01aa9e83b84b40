import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Rows of `rotation_policies`.
extension SQLiteTransaction {
    static let rotationPolicies = SQLiteTable(
        name: "rotation_policies",
        columns: [
            "id", "environment_id", "name", "is_default", "dn", "key_length", "validity_period", "rotation_period",
            "current_key_id", "next_key_id", "rotated_at", "created_at", "previous_key_id", "previous_retires_at",
            "next_rotation_at", "updated_at",
        ],
        fixed: ["created_at"],
        keyColumns: ["id", "environment_id"],
        sealed: false
    )

    /// The environment's policies, oldest first.
    func rotationPolicies(environmentID: UUID) throws -> [RotationPolicy] {
        try reading().query(
            Self.rotationPolicies.select + " WHERE environment_id = ? ORDER BY created_at, id",
            [.uuid(environmentID)],
            Self.decodeRotationPolicy
        )
    }

    func rotationPolicy(id: UUID, environmentID: UUID) throws -> RotationPolicy? {
        try reading().queryFirst(
            Self.rotationPolicies.select + " WHERE id = ? AND environment_id = ?",
            [.uuid(id), .uuid(environmentID)],
            Self.decodeRotationPolicy
        )
    }

    /// Policies with work for the scheduler at `now`: without keys, due to rotate, or holding a
    /// previous key past its retirement; oldest due first, at most `limit`.
    func rotationPoliciesNeedingWork(at now: Date, limit: Int) throws -> [RotationPolicy] {
        try reading().query(
            Self.rotationPolicies.select
                + " WHERE next_rotation_at IS NULL OR next_rotation_at <= ? OR previous_retires_at <= ?"
                + " ORDER BY coalesce(next_rotation_at, 0), id LIMIT ?",
            [.date(now), .date(now), .int(max(1, limit))],
            Self.decodeRotationPolicy
        )
    }

    func insert(_ policy: RotationPolicy) throws {
        try writing().run(Self.rotationPolicies.insert, Self.values(policy))
    }

    func update(_ policy: RotationPolicy) throws {
        try changeOne(
            Self.rotationPolicies.update,
            Self.rotationPolicies.updateBindings(Self.values(policy)),
            missing: "no key rotation policy with this id in this environment"
        )
    }

    func deleteRotationPolicy(id: UUID, environmentID: UUID) throws {
        try changeOne(
            "DELETE FROM rotation_policies WHERE id = ? AND environment_id = ?",
            [.uuid(id), .uuid(environmentID)],
            missing: "no key rotation policy with this id in this environment"
        )
    }

    private static func values(_ policy: RotationPolicy) -> [SQLiteValue] {
        [
            .uuid(policy.id), .uuid(policy.environmentID), .text(policy.name), .bool(policy.isDefault),
            .text(policy.dn), .int(policy.keyLength), .int(policy.validityPeriod), .int(policy.rotationPeriod),
            .uuid(policy.currentKeyID), .uuid(policy.nextKeyID), .date(policy.rotatedAt), .date(policy.createdAt),
            .uuid(policy.previousKeyID), .date(policy.previousRetiresAt), .date(policy.nextRotationAt),
            .date(policy.updatedAt),
        ]
    }

    private static func decodeRotationPolicy(_ row: inout SQLiteRow) throws(StoreError) -> RotationPolicy {
        let id = try row.uuid()
        let environmentID = try row.uuid()
        let name = try row.text()
        let isDefault = try row.bool()
        let dn = try row.text()
        let keyLength = try row.int()
        let validityPeriod = try row.int()
        let rotationPeriod = try row.int()
        let currentKeyID = try row.optionalUUID()
        let nextKeyID = try row.optionalUUID()
        let rotatedAt = row.optionalDate()
        let createdAt = try row.date()
        return RotationPolicy(
            id: id,
            environmentID: environmentID,
            name: name,
            isDefault: isDefault,
            dn: dn,
            keyLength: keyLength,
            validityPeriod: validityPeriod,
            rotationPeriod: rotationPeriod,
            currentKeyID: currentKeyID,
            nextKeyID: nextKeyID,
            previousKeyID: try row.optionalUUID(),
            previousRetiresAt: row.optionalDate(),
            rotatedAt: rotatedAt,
            nextRotationAt: row.optionalDate(),
            createdAt: createdAt,
            updatedAt: row.optionalDate() ?? createdAt
        )
    }
}
