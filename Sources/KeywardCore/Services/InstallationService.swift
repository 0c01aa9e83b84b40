import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Creates the installation root CA: the anchor every organization certificate chains to.
public struct InstallationService: Sendable {
    let store: any Store
    let clock: any Clock
    let keys: any KeySource

    /// The root's subject when none is configured.
    public static let defaultRootSubject = "CN=Keyward Root CA, O=Keyward"
    /// The root's lifetime: 20 years.
    public static let rootValidityDays = 20 * 365

    public init(store: any Store, clock: any Clock = SystemClock(), keys: any KeySource = GeneratingKeySource()) {
        self.store = store
        self.clock = clock
        self.keys = keys
    }

    /// Parses a root subject; it must be a distinguished name with a non-empty CN.
    @discardableResult
    public static func checkRootSubject(_ text: String) throws(CoreError) -> DistinguishedName {
        let subject: DistinguishedName
        do {
            subject = try DistinguishedName(parsing: text)
        } catch {
            throw .invalidValue(field: "rootSubject", reason: KeyCreationRequest.reason(error))
        }
        guard subject.commonName?.isEmpty == false else {
            throw .invalidValue(field: "rootSubject", reason: "must hold a non-empty CN")
        }
        return subject
    }

    /// Makes the root CA (RSA-3072, SHA256withRSA, CA without a path length limit) once;
    /// a second call answers `conflict`.
    @discardableResult
    public func initialise(rootSubject: String = defaultRootSubject) throws(CoreError) -> InstallationRoot {
        let subject = try Self.checkRootSubject(rootSubject)
        if try StoreAccess.read(store, { try $0.installationRoot() }) != nil {
            throw .conflict(reason: "the installation is already initialised")
        }
        let now = clock.nowToTheMillisecond
        let root = try StoreAccess.translate { () throws -> (InstallationRoot, PrivateKey) in
            let key = try keys.makeKey(.rsa3072)
            let certificate = try Certificate.issue(
                CertificateTemplate(
                    subject: subject,
                    notBefore: now,
                    notAfter: now.addingTimeInterval(TimeInterval(Self.rootValidityDays) * 86400),
                    signatureAlgorithm: .sha256WithRSA,
                    profile: .certificateAuthority(pathLength: nil)
                ),
                for: key.publicKey,
                signedBy: .selfSigned(key)
            )
            return (InstallationRoot(certificateDER: try certificate.derRepresentation(), createdAt: now), key)
        }
        try StoreAccess.write(store) { writer in
            guard try writer.installationRoot() == nil else {
                throw CoreError.conflict(reason: "the installation is already initialised")
            }
            try writer.setInstallationRoot(root.0, privateKey: root.1)
        }
        return root.0
    }
}
