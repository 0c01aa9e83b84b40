import COpenSSL

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Builds and verifies a certificate path with OpenSSL's RFC 5280 verifier.
public enum ChainVerifier {
    /// Verifies `leaf` up to one of `anchors`, using `intermediates` as untrusted helpers, at `time`.
    ///
    /// Returns the path OpenSSL built, leaf first, anchor last. A path that does not verify
    /// throws `untrustedChain` with OpenSSL's reason (e.g. "certificate has expired").
    public static func verify(
        _ leaf: Certificate,
        anchors: [Certificate],
        intermediates: [Certificate] = [],
        at time: Date
    ) throws(CryptoError) -> [Certificate] {
        guard !anchors.isEmpty else { throw .untrustedChain(reason: "no trust anchor was given") }
        let store = try ensure(X509_STORE_new(), "X509_STORE_new")
        defer { X509_STORE_free(store) }
        for anchor in anchors {
            try ensure(X509_STORE_add_cert(store, anchor.x509), "X509_STORE_add_cert")
        }
        let untrusted = try ensure(keyward_sk_x509_new(), "sk_X509_new_null")
        defer { keyward_sk_x509_free(untrusted) }
        for certificate in intermediates {
            guard keyward_sk_x509_push(untrusted, certificate.x509) > 0 else {
                throw .openSSL(call: "sk_X509_push", queue: drainErrorQueue())
            }
        }
        let context = try ensure(X509_STORE_CTX_new(), "X509_STORE_CTX_new")
        defer { X509_STORE_CTX_free(context) }
        try ensure(X509_STORE_CTX_init(context, store, leaf.x509, untrusted), "X509_STORE_CTX_init")
        X509_STORE_CTX_set_time(context, 0, time_t(time.timeIntervalSince1970.rounded(.down)))
        guard X509_verify_cert(context) == 1 else {
            let code = X509_STORE_CTX_get_error(context)
            clearErrorQueue()
            let reason = X509_verify_cert_error_string(Int(code)).map { String(cString: $0) } ?? "code \(code)"
            throw .untrustedChain(reason: reason)
        }
        guard let chain = X509_STORE_CTX_get1_chain(context) else {
            throw .openSSL(call: "X509_STORE_CTX_get1_chain", queue: drainErrorQueue())
        }
        defer { keyward_sk_x509_pop_free(chain) }
        return (0..<keyward_sk_x509_num(chain)).compactMap { index in
            keyward_sk_x509_value(chain, index).map { x509 in
                X509_up_ref(x509)
                return Certificate(takingOwnershipOf: x509)
            }
        }
    }
}
