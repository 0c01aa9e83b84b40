import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Makes the keys of a rotation policy: RSA of the policy's length, a self-signed
/// SHA256withRSA certificate whose subject and issuer are the policy's `dn`, valid
/// `validityPeriod` days from now, usage SIGNING, with a time-ordered id.
struct RotationKeyFactory {
    let keys: any KeySource

    func makeKey(for policy: RotationPolicy, organizationID: UUID, at now: Date) throws(CoreError)
        -> (key: Key, privateKey: PrivateKey)
    {
        try StoreAccess.translate { () throws -> (key: Key, privateKey: PrivateKey) in
            guard let spec = KeySpec(algorithm: RotationPolicy.algorithm, keyLength: policy.keyLength) else {
                throw CoreError.invalidValue(field: "keyLength", reason: "\(policy.keyLength) is not an RSA key length")
            }
            let privateKey = try keys.makeKey(spec)
            let subject = try DistinguishedName(parsing: policy.dn)
            let certificate = try Certificate.issue(
                CertificateTemplate(
                    subject: subject,
                    notBefore: now,
                    notAfter: now.addingTimeInterval(TimeInterval(policy.validityPeriod) * 86400),
                    signatureAlgorithm: RotationPolicy.signatureAlgorithm,
                    profile: KeyProfiles.profile(for: .signing, algorithm: .rsa, selfSigned: true)
                ),
                for: try privateKey.publicKey,
                signedBy: .selfSigned(privateKey)
            )
            let key = Key(
                id: UUID.timeOrdered(at: now),
                environmentID: policy.environmentID,
                organizationID: organizationID,
                name: String("\(policy.name) \(now.formatted(.iso8601))".prefix(NameRules.maximumLength)),
                algorithm: RotationPolicy.algorithm,
                keyLength: policy.keyLength,
                signatureAlgorithm: RotationPolicy.signatureAlgorithm,
                subjectDN: policy.dn,
                issuerDN: policy.dn,
                serialNumber: try certificate.serialNumber,
                validityPeriod: policy.validityPeriod,
                usageType: RotationPolicy.usageType,
                isDefault: false,
                createdAt: now,
                startsAt: certificate.notBefore,
                expiresAt: certificate.notAfter,
                certificateDER: try certificate.derRepresentation(),
                rotationPolicyID: policy.id
            )
            return (key, privateKey)
        }
    }

    /// Makes a policy's first CURRENT and NEXT keys and records them on `policy` as its first
    /// rotation (at `now`), with the next rotation `schedule` gives.
    func makeFirstKeys(
        for policy: inout RotationPolicy,
        organizationID: UUID,
        at now: Date,
        schedule: RotationSchedule
    ) throws(CoreError) -> [(key: Key, privateKey: PrivateKey)] {
        var current = try makeKey(for: policy, organizationID: organizationID, at: now)
        var next = try makeKey(for: policy, organizationID: organizationID, at: now)
        // Made in the same millisecond, the two ids are ordered only if no other id of another
        // time came between them; the current key's id must sort first, so swap if needed.
        if next.key.id.lowercaseString < current.key.id.lowercaseString {
            (current.key.id, next.key.id) = (next.key.id, current.key.id)
        }
        policy.currentKeyID = current.key.id
        policy.nextKeyID = next.key.id
        policy.rotatedAt = now
        policy.nextRotationAt = schedule.nextRotation(
            of: policy,
            rotatedAt: now,
            currentExpiresAt: current.key.expiresAt
        )
        return [current, next]
    }
}
