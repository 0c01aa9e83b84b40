import KeywardCrypto

/// The public side of a key or certificate that verify and encrypt use: its usage type, its
/// data-model signature algorithm (the default for `/verifications`) and its certificate.
struct OperationSubject {
    let usageType: UsageType
    let signatureAlgorithm: SignatureAlgorithm?
    let certificateDER: [UInt8]

    /// The certificate's public key.
    func publicKey() throws(CoreError) -> PublicKey {
        try StoreAccess.translate { try Certificate(parsing: certificateDER).publicKey }
    }
}
