/// Keeps the keys of a rotation policy under the policy's control: they sign access tokens
/// (so they stay SIGNING keys and are never an environment's default key), and they are deleted
/// by the policy (at retirement or with the policy), never one by one through the keys API.
enum RotationKeyRule {
    /// Refuses deleting a key that a rotation policy holds.
    static func checkDeletion(of key: Key) throws {
        guard let policyID = key.rotationPolicyID else { return }
        throw CoreError.conflict(
            reason: "the key belongs to key rotation policy \(policyID.lowercaseString), which retires it after"
                + " rotation or deletes it with the policy; rotate or delete the policy instead"
        )
    }

    /// Refuses changing the usage type of a policy's key or making it a default key.
    static func checkUpdate(from before: Key, to after: Key) throws {
        guard let policyID = before.rotationPolicyID else { return }
        if after.usageType != before.usageType {
            throw CoreError.invalidValue(
                field: "usageType",
                reason: "a key of key rotation policy \(policyID.lowercaseString) stays a SIGNING key"
            )
        }
        if after.isDefault && !before.isDefault {
            throw CoreError.invalidValue(
                field: "default",
                reason:
                    "a key of key rotation policy \(policyID.lowercaseString) cannot be an environment's default key"
            )
        }
    }
}
