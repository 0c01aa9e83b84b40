import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Builds one delivery: the payload, Keyward's headers (`Content-Type`, `X-Keyward-Delivery`,
/// `X-Keyward-Subscription`, `X-Keyward-Signature`), then the subscription's own headers, and the
/// TLS settings from the subscription and its material.
enum WebhookRequestBuilder {
    static func request(
        for subscription: Subscription,
        events: [AuditEvent],
        material: DeliveryMaterial,
        baseURL: String,
        now: Date
    ) throws -> WebhookRequest {
        let payload: WebhookPayload
        do {
            payload = try WebhookPayload(events, for: subscription, baseURL: baseURL)
        } catch {
            throw WebhookError.payload(String(describing: error))
        }
        let timestamp = Int64(now.timeIntervalSince1970.rounded(.down))
        let signature = try WebhookSignature.header(
            secret: material.signingSecret,
            timestamp: timestamp,
            body: payload.body
        )
        var headers: [(name: String, value: String)] = [
            ("Content-Type", payload.contentType),
            ("X-Keyward-Delivery", UUID().uuidString.lowercased()),
            ("X-Keyward-Subscription", subscription.id.lowercaseString),
            (WebhookSignature.headerName, signature),
        ]
        headers += subscription.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return WebhookRequest(
            url: subscription.url,
            headers: headers,
            body: payload.body,
            verifyPeer: subscription.verifyTLSCertificates,
            trustedCertificatesPEM: material.trustedCertificatesPEM,
            clientCertificateChainPEM: material.clientCertificateChainPEM,
            clientPrivateKeyPEM: material.clientPrivateKeyPEM
        )
    }
}
