import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Keeps an environment able to issue access tokens: while applications live in it, its
/// default SIGNING key signs their tokens, so that key cannot be deleted or stop being the
/// default SIGNING key, and a key that becomes it must be able to sign JWTs (valid now, and
/// not P-224, which has no JWS algorithm). Without this rule one request could lock every
/// client of the environment out, the installation's administrator included.
enum TokenSigningRule {
    /// Refuses deleting `key` when it signs the environment's tokens.
    static func checkDeletion(of key: Key, in reader: any StoreReader) throws {
        guard key.isDefault, key.usageType == .signing, try hasApplications(key.environmentID, reader) else { return }
        throw CoreError.conflict(
            reason: "the key is the environment's default SIGNING key and signs its applications' access tokens;"
                + " make another SIGNING key the default first"
        )
    }

    /// Refuses an update that takes `before` out of token signing without a successor, or makes
    /// `after` the token signer when it cannot sign tokens.
    static func checkUpdate(from before: Key, to after: Key, at now: Date, in reader: any StoreReader) throws {
        let signedTokens = before.isDefault && before.usageType == .signing
        let signsTokens = after.isDefault && after.usageType == .signing
        guard signedTokens || signsTokens, try hasApplications(after.environmentID, reader) else { return }
        if signedTokens && !signsTokens {
            throw CoreError.conflict(
                reason: "the key is the environment's default SIGNING key and signs its applications' access"
                    + " tokens; make another SIGNING key the default instead"
            )
        }
        if signsTokens && !signedTokens {
            guard JWSAlgorithm(for: try PublicKeyFacts.spec(of: after)) != nil else {
                throw CoreError.invalidValue(
                    field: "default",
                    reason: "a \(after.algorithm.rawValue) \(after.keyLength) key cannot sign access tokens (no JWS"
                        + " algorithm), so it cannot be the default SIGNING key of an environment with applications"
                )
            }
            guard [.valid, .expiring].contains(after.status(at: now)) else {
                throw CoreError.invalidValue(
                    field: "default",
                    reason: "a key that is \(after.status(at: now).rawValue) cannot sign access tokens"
                )
            }
        }
    }

    private static func hasApplications(_ environmentID: UUID, _ reader: any StoreReader) throws -> Bool {
        try !reader.applications(environmentID: environmentID).isEmpty
    }
}

/// The key specification recorded on a key.
enum PublicKeyFacts {
    static func spec(of key: Key) throws -> KeySpec {
        guard let spec = KeySpec(algorithm: key.algorithm, keyLength: key.keyLength) else {
            throw CoreError.invalidValue(field: "keyLength", reason: "\(key.keyLength) is not a supported key length")
        }
        return spec
    }
}
