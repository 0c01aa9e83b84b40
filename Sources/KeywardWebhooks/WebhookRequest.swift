/// One delivery as it goes on the wire: an HTTPS `POST` of `body` to `url` with `headers`, and how
/// to open TLS. Holds secrets (the client key); never logged or described.
public struct WebhookRequest: Sendable {
    public var url: String
    /// In order; names as given (custom headers after Keyward's own).
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// Check the server's certificate and name; `false` accepts any certificate.
    public var verifyPeer: Bool
    /// Certificates to trust besides the system's CAs, PEM (empty for none).
    public var trustedCertificatesPEM: [UInt8]
    /// The TLS client certificate chain and private key, PEM, for mTLS; both or neither.
    public var clientCertificateChainPEM: [UInt8]?
    public var clientPrivateKeyPEM: [UInt8]?

    public init(
        url: String,
        headers: [(name: String, value: String)],
        body: [UInt8],
        verifyPeer: Bool,
        trustedCertificatesPEM: [UInt8] = [],
        clientCertificateChainPEM: [UInt8]? = nil,
        clientPrivateKeyPEM: [UInt8]? = nil
    ) {
        self.url = url
        self.headers = headers
        self.body = body
        self.verifyPeer = verifyPeer
        self.trustedCertificatesPEM = trustedCertificatesPEM
        self.clientCertificateChainPEM = clientCertificateChainPEM
        self.clientPrivateKeyPEM = clientPrivateKeyPEM
    }
}

/// How one attempt ended: the endpoint's status, or why no status came (connection, TLS,
/// timeout), as a sentence without secrets.
public enum WebhookOutcome: Equatable, Sendable {
    case status(Int)
    case failed(String)
    /// The dispatcher stopped while the request was in flight; nothing is recorded.
    case cancelled

    /// Whether the batch counts as delivered: any `2xx`.
    public var isDelivered: Bool {
        if case .status(let code) = self { return (200...299).contains(code) }
        return false
    }
}

/// Sends one delivery and waits for its answer, at most `WebhookDispatcher.requestTimeout`.
/// `CurlTransport` in production; tests may substitute a transport that fails on demand.
public protocol WebhookTransport: Sendable {
    /// Sends `request`; `isCancelled` is polled during the transfer, which ends early once it is true.
    func send(_ request: WebhookRequest, isCancelled: @escaping @Sendable () -> Bool) -> WebhookOutcome
}
