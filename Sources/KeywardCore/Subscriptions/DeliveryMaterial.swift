/// What one delivery needs besides its events, opened from the store just before sending and
/// dropped after: the signing secret, the certificates trusted for the endpoint, and the TLS
/// client certificate and private key. Never logged.
public struct DeliveryMaterial: Sendable {
    /// The HMAC key: the UTF-8 bytes of the signing secret as the client received it.
    public var signingSecret: [UInt8]
    /// The environment's uploaded `SSL/TLS` certificates, PEM, one after another (empty if none).
    public var trustedCertificatesPEM: [UInt8]
    /// The `OUTBOUND_MTLS` key's certificate then its trust chain, PEM; `nil` without mTLS.
    public var clientCertificateChainPEM: [UInt8]?
    /// The `OUTBOUND_MTLS` key's private key, PKCS#8 PEM; `nil` without mTLS.
    public var clientPrivateKeyPEM: [UInt8]?

    public init(
        signingSecret: [UInt8],
        trustedCertificatesPEM: [UInt8],
        clientCertificateChainPEM: [UInt8]? = nil,
        clientPrivateKeyPEM: [UInt8]? = nil
    ) {
        self.signingSecret = signingSecret
        self.trustedCertificatesPEM = trustedCertificatesPEM
        self.clientCertificateChainPEM = clientCertificateChainPEM
        self.clientPrivateKeyPEM = clientPrivateKeyPEM
    }
}
