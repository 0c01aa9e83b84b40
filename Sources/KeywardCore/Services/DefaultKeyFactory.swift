import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Makes an environment's default key: RSA-2048, SHA256withRSA, 365 days, SIGNING, default,
/// named "Default", with a certificate signed by the organization CA.
struct DefaultKeyFactory {
    let keys: any KeySource

    static let validityDays = 365

    func makeDefaultKey(for environment: Environment, issuer: IssuingAuthority, at now: Date) throws(CoreError)
        -> (key: Key, privateKey: PrivateKey)
    {
        try StoreAccess.translate { () throws -> (key: Key, privateKey: PrivateKey) in
            let privateKey = try keys.makeKey(.rsa2048)
            let subject = Names.name(commonName: "Default-\(environment.name)", [("O", issuer.organizationName)])
            let certificate = try Certificate.issue(
                CertificateTemplate(
                    subject: subject,
                    notBefore: now,
                    notAfter: now.addingTimeInterval(TimeInterval(Self.validityDays) * 86400),
                    signatureAlgorithm: .sha256WithRSA,
                    profile: KeyProfiles.profile(for: .signing, algorithm: .rsa, selfSigned: false)
                ),
                for: privateKey.publicKey,
                signedBy: .authority(certificate: issuer.certificate, key: try issuer.signingKey())
            )
            let key = Key(
                id: UUID(),
                environmentID: environment.id,
                organizationID: environment.organizationID,
                name: "Default",
                algorithm: .rsa,
                keyLength: 2048,
                signatureAlgorithm: .sha256WithRSA,
                subjectDN: subject.description,
                issuerDN: try issuer.certificate.subject.description,
                serialNumber: try certificate.serialNumber,
                validityPeriod: Self.validityDays,
                usageType: .signing,
                isDefault: true,
                trustChain: issuer.trustChain,
                createdAt: now,
                startsAt: certificate.notBefore,
                expiresAt: certificate.notAfter,
                certificateDER: try certificate.derRepresentation()
            )
            return (key, privateKey)
        }
    }
}
