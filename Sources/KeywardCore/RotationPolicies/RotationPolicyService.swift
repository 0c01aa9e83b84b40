import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The key rotation policy use cases: create (with its current and next keys), list, read,
/// replace the spec (applied to keys generated from then on), delete (with its keys), and
/// rotate by hand. The scheduled work (rotation when due, retirement of previous keys,
/// activation of policies recorded without keys) is in `RotationPolicyService+Rotation`.
///
/// A policy's keys are ordinary keys of the environment (listed, exported, audited) marked with
/// the policy's id; they sign access tokens only, and only the policy deletes them.
public struct RotationPolicyService: Sendable {
    let store: any Store
    let clock: any Clock
    let keys: any KeySource
    /// When rotations fall due and how long previous keys stay published.
    public let schedule: RotationSchedule

    public init(
        store: any Store,
        clock: any Clock = SystemClock(),
        keys: any KeySource = GeneratingKeySource(),
        schedule: RotationSchedule = RotationSchedule(tokenLifetime: 3600, leeway: 60)
    ) {
        self.store = store
        self.clock = clock
        self.keys = keys
        self.schedule = schedule
    }

    var factory: RotationKeyFactory { RotationKeyFactory(keys: keys) }

    /// The environment's policies, oldest (the default) first.
    public func list(in environmentID: UUID) throws(CoreError) -> [RotationPolicy] {
        try StoreAccess.read(store) { reader in
            _ = try reader.requireEnvironment(environmentID)
            return try reader.rotationPolicies(environmentID: environmentID)
        }
    }

    /// The policy `id` of the environment.
    public func get(_ id: UUID, in environmentID: UUID) throws(CoreError) -> RotationPolicy {
        try StoreAccess.read(store) { reader in try Self.requirePolicy(id, environmentID, reader) }
    }

    /// Creates a policy with its CURRENT and NEXT keys; creation counts as the first rotation.
    /// An environment holds at most `RotationPolicy.maximumPerEnvironment` policies.
    public func create(_ request: RotationPolicyRequest, in environmentID: UUID) throws(CoreError) -> RotationPolicy {
        let valid = try request.validate()
        let environment = try StoreAccess.read(store) { reader in try reader.requireEnvironment(environmentID) }
        let now = clock.nowToTheMillisecond
        var policy = RotationPolicy(
            id: UUID(),
            environmentID: environmentID,
            name: valid.name,
            isDefault: false,
            dn: valid.dn,
            keyLength: valid.keyLength,
            validityPeriod: valid.validityPeriod,
            rotationPeriod: valid.rotationPeriod,
            createdAt: now
        )
        let keys = try factory.makeFirstKeys(
            for: &policy,
            organizationID: environment.organizationID,
            at: now,
            schedule: schedule
        )
        let created = policy
        try StoreAccess.write(store) { writer in
            _ = try writer.requireEnvironment(environmentID)
            guard try writer.rotationPolicies(environmentID: environmentID).count < RotationPolicy.maximumPerEnvironment
            else {
                throw CoreError.conflict(
                    reason: "an environment has at most \(RotationPolicy.maximumPerEnvironment) key rotation policies"
                )
            }
            try Self.insert(created, keys: keys, environment: environment, at: now, in: writer)
            try AuditLog.record(
                .keyRotationPolicyCreated,
                policy: created,
                organizationID: environment.organizationID,
                "Created Key Rotation Policy \(created.name)",
                at: now,
                in: writer
            )
        }
        return created
    }

    /// Replaces the spec (PingOne's PUT: the whole body). Keys already generated keep theirs;
    /// the next key generated follows the new spec. A new `rotationPeriod` moves the next
    /// rotation, counted from the last one.
    public func update(_ id: UUID, in environmentID: UUID, with request: RotationPolicyRequest) throws(CoreError)
        -> RotationPolicy
    {
        let valid = try request.validate()
        let now = clock.nowToTheMillisecond
        return try StoreAccess.write(store) { writer in
            var policy = try Self.requirePolicy(id, environmentID, writer)
            let environment = try writer.requireEnvironment(environmentID)
            policy.name = valid.name
            policy.dn = valid.dn
            policy.keyLength = valid.keyLength
            policy.validityPeriod = valid.validityPeriod
            policy.rotationPeriod = valid.rotationPeriod
            policy.updatedAt = now
            if let rotatedAt = policy.rotatedAt, let currentID = policy.currentKeyID,
                let current = try writer.key(id: currentID, environmentID: environmentID)
            {
                policy.nextRotationAt = schedule.nextRotation(
                    of: policy,
                    rotatedAt: rotatedAt,
                    currentExpiresAt: current.expiresAt
                )
            }
            try writer.update(policy)
            try AuditLog.record(
                .keyRotationPolicyUpdated,
                policy: policy,
                organizationID: environment.organizationID,
                "Updated Key Rotation Policy \(policy.name)",
                at: now,
                in: writer
            )
            return policy
        }
    }

    /// Deletes a policy and its keys. The default policy signs the environment's access tokens
    /// and cannot be deleted (nor, therefore, the last one).
    public func delete(_ id: UUID, in environmentID: UUID) throws(CoreError) {
        let now = clock.nowToTheMillisecond
        try StoreAccess.write(store) { writer in
            let policy = try Self.requirePolicy(id, environmentID, writer)
            let environment = try writer.requireEnvironment(environmentID)
            guard !policy.isDefault else {
                throw CoreError.conflict(
                    reason:
                        "the default key rotation policy signs the environment's access tokens and cannot be deleted"
                )
            }
            guard try writer.rotationPolicies(environmentID: environmentID).count > 1 else {
                throw CoreError.conflict(reason: "an environment keeps at least one key rotation policy")
            }
            for keyID in policy.keyIDs {
                try Self.deleteKey(keyID, of: policy, because: "with its Key Rotation Policy", at: now, in: writer)
            }
            try writer.deleteRotationPolicy(id: id, environmentID: environmentID)
            try AuditLog.record(
                .keyRotationPolicyDeleted,
                policy: policy,
                organizationID: environment.organizationID,
                "Deleted Key Rotation Policy \(policy.name) and its keys",
                at: now,
                in: writer
            )
        }
    }

    /// The keys a policy publishes at `now`: the previous key until it retires, the current and
    /// the next, in that order.
    public func publishedKeys(of policy: RotationPolicy, at now: Date) throws(CoreError) -> [Key] {
        try StoreAccess.read(store) { reader in try Self.publishedKeys(of: policy, at: now, in: reader) }
    }

    static func publishedKeys(of policy: RotationPolicy, at now: Date, in reader: any StoreReader) throws -> [Key] {
        let previous = policy.previousRetiresAt.map { $0 > now } == true ? policy.previousKeyID : nil
        return try [previous, policy.currentKeyID, policy.nextKeyID].compactMap { $0 }.compactMap {
            try reader.key(id: $0, environmentID: policy.environmentID)
        }
    }

    static func requirePolicy(_ id: UUID, _ environmentID: UUID, _ reader: any StoreReader) throws
        -> RotationPolicy
    {
        _ = try reader.requireEnvironment(environmentID)
        guard let policy = try reader.rotationPolicy(id: id, environmentID: environmentID) else {
            throw CoreError.notFound(resource: "Key rotation policy", id: id.lowercaseString)
        }
        return policy
    }

    /// Inserts a policy with freshly generated keys and their `KEY.CREATED` events.
    static func insert(
        _ policy: RotationPolicy,
        keys: [(key: Key, privateKey: PrivateKey)],
        environment: Environment,
        at now: Date,
        in writer: any StoreWriter
    ) throws {
        try writer.insert(policy)
        for generated in keys {
            try insertKey(generated, of: policy, at: now, in: writer)
        }
    }

    static func insertKey(
        _ generated: (key: Key, privateKey: PrivateKey),
        of policy: RotationPolicy,
        at now: Date,
        in writer: any StoreWriter
    ) throws {
        try writer.insert(generated.key, privateKey: generated.privateKey)
        try AuditLog.record(
            .keyCreated,
            key: generated.key,
            "Created Key \(generated.key.name) for Key Rotation Policy \(policy.name)",
            at: now,
            in: writer
        )
    }

    static func deleteKey(
        _ id: UUID,
        of policy: RotationPolicy,
        because reason: String,
        at now: Date,
        in writer: any StoreWriter
    ) throws {
        guard let key = try writer.key(id: id, environmentID: policy.environmentID) else { return }
        try writer.deleteKey(id: id, environmentID: policy.environmentID)
        try AuditLog.record(.keyDeleted, key: key, "Deleted Key \(key.name) \(reason)", at: now, in: writer)
    }
}
