import CCurl
import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Sends deliveries with libcurl (OpenSSL build): HTTPS only, no redirects, 10 s for the whole
/// exchange. The certificates to trust (the system's CAs plus the environment's uploaded ones)
/// and the mTLS certificate and private key are handed to libcurl in memory, never written to a
/// file. The answer's body is read and dropped.
public struct CurlTransport: WebhookTransport {
    /// The whole exchange (connect, TLS, send, answer) must end within this time.
    public static let timeoutMilliseconds = 10_000

    /// The system's CA certificates, PEM, read once: with certificates of its own to trust,
    /// libcurl is given one bundle holding both.
    let systemTrust: [UInt8]
    /// Which resolved addresses a delivery may connect to (local ones refused by default).
    let targets: WebhookTargetPolicy

    /// `systemTrustBundle` is the system's CA file (Debian's `ca-certificates`).
    public init(
        systemTrustBundle: String = "/etc/ssl/certs/ca-certificates.crt",
        targets: WebhookTargetPolicy = .denyLocal
    ) {
        CurlLibrary.initialise()
        self.targets = targets
        systemTrust = (try? Data(contentsOf: URL(fileURLWithPath: systemTrustBundle))).map { Array($0) } ?? []
    }

    public func send(_ request: WebhookRequest, isCancelled: @escaping @Sendable () -> Bool) -> WebhookOutcome {
        do {
            var easy = try CurlEasy()
            try configure(&easy, request)
            return easy.perform(targets: targets, isCancelled: isCancelled)
        } catch {
            return .failed(error.description)
        }
    }

    private func configure(_ easy: inout CurlEasy, _ request: WebhookRequest) throws(WebhookError) {
        try easy.set(CURLOPT_URL, request.url)
        try easy.set(CURLOPT_PROTOCOLS_STR, "https")
        try easy.set(CURLOPT_REDIR_PROTOCOLS_STR, "https")
        try easy.set(CURLOPT_FOLLOWLOCATION, 0)
        try easy.set(CURLOPT_NOSIGNAL, 1)
        try easy.set(CURLOPT_TIMEOUT_MS, Self.timeoutMilliseconds)
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, Self.timeoutMilliseconds)
        try easy.set(CURLOPT_USERAGENT, "Keyward/\(KeywardVersion.current) webhooks")
        try easy.set(CURLOPT_POST, 1)
        try easy.set(CURLOPT_POSTFIELDSIZE, request.body.count)
        try easy.setCopiedBody(request.body)
        // "Expect:" turns off libcurl's `100-continue` wait for larger bodies.
        try easy.setHeaders(request.headers.map { "\($0.name): \($0.value)" } + ["Expect:"])
        if request.verifyPeer {
            try easy.set(CURLOPT_SSL_VERIFYPEER, 1)
            try easy.set(CURLOPT_SSL_VERIFYHOST, 2)
            if !request.trustedCertificatesPEM.isEmpty {
                var bundle = systemTrust
                if bundle.last != UInt8(ascii: "\n") && !bundle.isEmpty { bundle.append(UInt8(ascii: "\n")) }
                try easy.setBlob(CURLOPT_CAINFO_BLOB, bundle + request.trustedCertificatesPEM)
            }
        } else {
            try easy.set(CURLOPT_SSL_VERIFYPEER, 0)
            try easy.set(CURLOPT_SSL_VERIFYHOST, 0)
        }
        if let chain = request.clientCertificateChainPEM, let key = request.clientPrivateKeyPEM {
            try easy.set(CURLOPT_SSLCERTTYPE, "PEM")
            try easy.setBlob(CURLOPT_SSLCERT_BLOB, chain)
            try easy.set(CURLOPT_SSLKEYTYPE, "PEM")
            try easy.setBlob(CURLOPT_SSLKEY_BLOB, key)
        }
    }
}

/// `curl_global_init`, once per process, before the first handle (it is not thread-safe itself).
enum CurlLibrary {
    private static let initialised: Bool = keyward_curl_global_init() == CURLE_OK

    static func initialise() {
        _ = initialised
    }
}
