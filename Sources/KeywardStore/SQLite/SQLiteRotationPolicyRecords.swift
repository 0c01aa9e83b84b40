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
            "current_key_id", "next_key_id", "rotated_at", "created_at",
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

    func insert(_ policy: RotationPolicy) throws {
        try writing().run(Self.rotationPolicies.insert, Self.values(policy))
    }

    private static func values(_ policy: RotationPolicy) -> [SQLiteValue] {
        [
            .uuid(policy.id), .uuid(policy.environmentID), .text(policy.name), .bool(policy.isDefault),
            .text(policy.dn), .int(policy.keyLength), .int(policy.validityPeriod), .int(policy.rotationPeriod),
            .uuid(policy.currentKeyID), .uuid(policy.nextKeyID), .date(policy.rotatedAt), .date(policy.createdAt),
        ]
    }

    private static func decodeRotationPolicy(_ row: inout SQLiteRow) throws(StoreError) -> RotationPolicy {
        RotationPolicy(
            id: try row.uuid(),
            environmentID: try row.uuid(),
            name: try row.text(),
            isDefault: try row.bool(),
            dn: try row.text(),
            keyLength: try row.int(),
            validityPeriod: try row.int(),
            rotationPeriod: try row.int(),
            currentKeyID: try row.optionalUUID(),
            nextKeyID: try row.optionalUUID(),
            rotatedAt: row.optionalDate(),
            createdAt: try row.date()
        )
    }
}
