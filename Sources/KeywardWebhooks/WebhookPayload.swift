import KeywardCore
import KeywardHTTP

/// The body of one delivery: the batch's events as PingOne's `ACTIVITY` objects (the activities
/// API's JSON), as one JSON array or as JSON lines.
public struct WebhookPayload: Sendable {
    public var body: [UInt8]
    public var contentType: String

    /// Lays out `events` as `subscription` asks, links built on `baseURL`; `source` only when
    /// the subscription exposes addresses.
    public init(_ events: [AuditEvent], for subscription: Subscription, baseURL: String) throws {
        let objects = try events.map {
            try ActivityJSON.encode(
                $0,
                baseURL: baseURL,
                includeSource: subscription.ipAddressExposed,
                pretty: subscription.prettyPrint && subscription.payloadFormat == .jsonArray
            )
        }
        switch subscription.payloadFormat {
        case .jsonArray:
            let separator = Array((subscription.prettyPrint ? ",\n" : ",").utf8)
            body = Array("[".utf8) + Array(objects.joined(separator: separator)) + Array("]".utf8)
            contentType = "application/json"
        case .ndJSON:
            body = objects.flatMap { $0 + [UInt8(ascii: "\n")] }
            contentType = "application/x-ndjson"
        }
    }
}
