import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What one pass of scheduled rotation work did.
public struct RotationWork: Hashable, Sendable {
    public var activated = 0
    public var rotated = 0
    public var retired = 0

    public init() {}
}

extension RotationPolicyService {
    /// Rotates a policy now, whatever its schedule (`POST …/keyRotationPolicies/{id}/rotate`).
    /// A previous key still published is retired at once: rotating by hand is what an operator
    /// does when a key is compromised, and its tokens should stop verifying.
    public func rotate(_ id: UUID, in environmentID: UUID) throws(CoreError) -> RotationPolicy {
        let policy = try get(id, in: environmentID)
        guard try rotate(policy, onlyWhenDue: false) else {
            throw .conflict(reason: "the key rotation policy changed while it was being rotated; try again")
        }
        return try get(id, in: environmentID)
    }

    /// One pass of scheduled work at the clock's time: activates policies without keys, rotates
    /// those due, retires previous keys whose tokens can no longer be valid. Policies changed
    /// concurrently are left for the next pass.
    public func runDueWork(limit: Int = 100) throws(CoreError) -> RotationWork {
        let now = clock.nowToTheMillisecond
        let policies = try StoreAccess.read(store) { reader in
            try reader.rotationPoliciesNeedingWork(at: now, limit: limit)
        }
        var work = RotationWork()
        for policy in policies {
            if !policy.isActive {
                if try activate(policy) { work.activated += 1 }
                continue
            }
            if let due = policy.nextRotationAt, due <= now {
                if try rotate(policy, onlyWhenDue: true) { work.rotated += 1 }
            } else if let retires = policy.previousRetiresAt, retires <= now {
                if try retirePrevious(of: policy) { work.retired += 1 }
            }
        }
        return work
    }

    /// The key that signs the environment's access tokens, with its private key: the current
    /// key of the default policy. A policy without keys is activated, and an overdue rotation is
    /// done first, so tokens are never signed by an expired key even with the scheduler off.
    public func tokenSigner(in environmentID: UUID) throws(CoreError) -> (key: Key, privateKey: PrivateKey) {
        for _ in 0..<3 {
            let now = clock.nowToTheMillisecond
            let policy = try StoreAccess.read(store) { reader throws -> RotationPolicy in
                _ = try reader.requireEnvironment(environmentID)
                let policies = try reader.rotationPolicies(environmentID: environmentID)
                guard let policy = policies.first(where: \.isDefault) ?? policies.first else {
                    throw CoreError.conflict(reason: "the environment has no key rotation policy to sign tokens with")
                }
                return policy
            }
            if !policy.isActive {
                _ = try activate(policy)
                continue
            }
            if let due = policy.nextRotationAt, due <= now {
                _ = try rotate(policy, onlyWhenDue: true)
                continue
            }
            let signer = try StoreAccess.read(store) { reader throws -> (key: Key, privateKey: PrivateKey)? in
                guard let currentID = policy.currentKeyID,
                    let key = try reader.key(id: currentID, environmentID: environmentID),
                    let privateKey = try reader.privateKey(recordID: currentID)
                else { return nil }
                return (key, privateKey)
            }
            if let signer { return signer }
        }
        throw .conflict(reason: "the environment's key rotation policy has no current key; try again")
    }

    /// Gives a policy recorded without keys its CURRENT and NEXT keys; `false` when another
    /// request or node did it first.
    func activate(_ policy: RotationPolicy) throws(CoreError) -> Bool {
        let now = clock.nowToTheMillisecond
        let environment = try StoreAccess.read(store) { reader in try reader.requireEnvironment(policy.environmentID) }
        var activated = policy
        let keys = try factory.makeFirstKeys(
            for: &activated,
            organizationID: environment.organizationID,
            at: now,
            schedule: schedule
        )
        return try StoreAccess.write(store) { writer in
            guard let fresh = try writer.rotationPolicy(id: policy.id, environmentID: policy.environmentID),
                !fresh.isActive, fresh.updatedAt == policy.updatedAt
            else { return false }
            for generated in keys { try Self.insertKey(generated, of: activated, at: now, in: writer) }
            try writer.update(activated)
            try AuditLog.record(
                .keyRotationPolicyRotated,
                policy: activated,
                organizationID: environment.organizationID,
                "Activated Key Rotation Policy \(activated.name): generated its current and next keys",
                at: now,
                in: writer
            )
            return true
        }
    }

    /// NEXT becomes CURRENT, CURRENT becomes PREVIOUS (published for the retention), and a new
    /// NEXT is generated (from the key pool, outside the transaction). `false` when the policy
    /// changed meanwhile, or (with `onlyWhenDue`) is not due any more.
    func rotate(_ policy: RotationPolicy, onlyWhenDue: Bool) throws(CoreError) -> Bool {
        let now = clock.nowToTheMillisecond
        let environment = try StoreAccess.read(store) { reader in try reader.requireEnvironment(policy.environmentID) }
        let generated = try factory.makeKey(for: policy, organizationID: environment.organizationID, at: now)
        return try StoreAccess.write(store) { writer in
            guard var fresh = try writer.rotationPolicy(id: policy.id, environmentID: policy.environmentID),
                fresh.currentKeyID == policy.currentKeyID, fresh.nextKeyID == policy.nextKeyID,
                fresh.updatedAt == policy.updatedAt,
                let nextID = fresh.nextKeyID,
                let next = try writer.key(id: nextID, environmentID: fresh.environmentID)
            else { return false }
            if onlyWhenDue, (fresh.nextRotationAt.map { $0 > now }) ?? false { return false }
            if let previousID = fresh.previousKeyID {
                try Self.deleteKey(previousID, of: fresh, because: "retired by rotation", at: now, in: writer)
            }
            try Self.insertKey(generated, of: fresh, at: now, in: writer)
            fresh.previousKeyID = fresh.currentKeyID
            fresh.previousRetiresAt = now.addingTimeInterval(schedule.previousKeyRetention)
            fresh.currentKeyID = nextID
            fresh.nextKeyID = generated.key.id
            fresh.rotatedAt = now
            fresh.nextRotationAt = schedule.nextRotation(of: fresh, rotatedAt: now, currentExpiresAt: next.expiresAt)
            try writer.update(fresh)
            try AuditLog.record(
                .keyRotationPolicyRotated,
                policy: fresh,
                organizationID: environment.organizationID,
                "Rotated Key Rotation Policy \(fresh.name): current key \(nextID.lowercaseString),"
                    + " next key \(generated.key.id.lowercaseString)",
                at: now,
                in: writer
            )
            return true
        }
    }

    /// Deletes the previous key once tokens it signed can no longer be valid.
    func retirePrevious(of policy: RotationPolicy) throws(CoreError) -> Bool {
        let now = clock.nowToTheMillisecond
        return try StoreAccess.write(store) { writer in
            guard var fresh = try writer.rotationPolicy(id: policy.id, environmentID: policy.environmentID),
                let previousID = fresh.previousKeyID, let retires = fresh.previousRetiresAt, retires <= now
            else { return false }
            try Self.deleteKey(
                previousID,
                of: fresh,
                because: "retired by Key Rotation Policy \(fresh.name): no token it signed is valid any more",
                at: now,
                in: writer
            )
            fresh.previousKeyID = nil
            fresh.previousRetiresAt = nil
            try writer.update(fresh)
            return true
        }
    }
}
