/// The certificate chain and private key that `HTTPServer` serves HTTPS with.
///
/// Both are PEM: the chain is the server certificate first, then its issuers; the key is
/// PKCS#8 (`BEGIN PRIVATE KEY`) or another PEM form GnuTLS reads. The key is kept as bytes,
/// not a `String`, so the server's copy can be zeroed when it stops.
public struct TLSCredentials: Sendable {
    /// The server certificate followed by its issuers, PEM.
    public var certificateChainPEM: String
    /// The private key of the first certificate, PEM bytes (unencrypted).
    public var privateKeyPEM: [UInt8]

    public init(certificateChainPEM: String, privateKeyPEM: [UInt8]) {
        self.certificateChainPEM = certificateChainPEM
        self.privateKeyPEM = privateKeyPEM
    }
}
