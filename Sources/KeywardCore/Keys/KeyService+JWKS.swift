import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension KeyService {
    /// At most this many keys are published in one environment's JWS key set.
    public static let jwsKeySetLimit = 1000

    /// The public keys that verify JWS made with `POST …/keys/{keyID}/jws`: the environment's
    /// SIGNING and ISSUANCE keys that are valid now and have a JWS algorithm, rotation policy
    /// keys excluded. Kept apart from the token JWKS (`/as/jwks`) on purpose: a token verifier
    /// that trusted these keys would accept a JWS any key user can make as an access token.
    ///
    /// The set is read without authentication and costs a walk through the environment's keys,
    /// so it is cached per environment until the store's next committed change (a new, deleted
    /// or re-typed key shows at once) or the next minute (a key that expires leaves within it).
    public func jwsVerificationKeys(in environmentID: UUID) throws(CoreError) -> [JSONWebKey] {
        let now = clock.now
        let key = JWSKeySetKey(
            environmentID: environmentID,
            minute: Int64((now.timeIntervalSince1970 / 60).rounded(.down))
        )
        return try jwsKeySets.record(key, in: store) { () throws(CoreError) -> [JSONWebKey]? in
            try readJWSVerificationKeys(in: environmentID, at: now)
        } ?? []
    }

    private func readJWSVerificationKeys(in environmentID: UUID, at now: Date) throws(CoreError) -> [JSONWebKey] {
        let keys = try StoreAccess.read(store) { reader throws -> [Key] in
            _ = try reader.requireEnvironment(environmentID)
            var found: [Key] = []
            var cursor: UUID?
            repeat {
                let page = try reader.keys(environmentID: environmentID, after: cursor, limit: 500)
                found += page.items.filter { key in
                    key.rotationPolicyID == nil && [.signing, .issuance].contains(key.usageType)
                        && [.valid, .expiring].contains(key.status(at: now))
                        && KeySpec(algorithm: key.algorithm, keyLength: key.keyLength).flatMap(JWSAlgorithm.init(for:))
                            != nil
                }
                cursor = page.nextCursor
            } while cursor != nil && found.count < Self.jwsKeySetLimit
            return Array(found.prefix(Self.jwsKeySetLimit))
        }
        return try keys.map(JSONWebKey.init(verifying:))
    }
}

/// The key of the JWS key-set cache: an environment, and the minute the set was computed in.
struct JWSKeySetKey: Hashable, Sendable {
    let environmentID: UUID
    let minute: Int64
}
