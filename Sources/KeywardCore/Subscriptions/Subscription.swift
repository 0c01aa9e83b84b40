#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A webhook subscription: PingOne's subscription object, delivering the environment's audit
/// events that pass its filter to one HTTPS endpoint, in commit order, at least once.
///
/// Keyward serves PingOne's `HTTPS` protocol with the `ACTIVITY` format only. The signing secret
/// is not part of this value: the store keeps it sealed and opens it only for a delivery
/// (`StoreReader.subscriptionSigningSecret(id:)`).
public struct Subscription: Hashable, Sendable {
    public var id: UUID
    public var environmentID: UUID
    public var name: String
    /// `false` suspends delivery: matching events wait (up to `eventRetention`) for re-enabling.
    public var enabled: Bool
    /// Verify the endpoint's certificate against the system's CAs and the environment's
    /// uploaded SSL/TLS certificates; `false` trusts any certificate.
    public var verifyTLSCertificates: Bool
    /// PingOne's `filterOptions.includedActionTypes`: `NOUN.VERB` types, at least one.
    public var includedActionTypes: [String]
    /// PingOne's `filterOptions.includedApplications`: only events whose acting client is one of
    /// these (at most 10); empty means every event.
    public var includedApplicationIDs: [UUID]
    /// Add the actor's address (`source.ipAddress`) to delivered events.
    public var ipAddressExposed: Bool
    /// Echoed for PingOne clients; Keyward records no user agent, so it changes nothing.
    public var userAgentExposed: Bool
    /// The `https://` URL every delivery is POSTed to.
    public var url: String
    /// Headers sent with every delivery (`Authorization: Basic …`), as the client gave them.
    public var headers: [String: String]
    /// The `OUTBOUND_MTLS` key of this environment presented as the TLS client certificate.
    public var tlsClientAuthKeyID: UUID?
    /// At most this many events per delivery (PingOne's `EVENTS_PER_PAYLOAD`, 1–500).
    public var maximumEventsPerPayload: Int
    public var payloadFormat: PayloadFormat
    /// Indent the JSON array (PingOne's `prettyPrint`; `JSON_ARRAY` only).
    public var prettyPrint: Bool
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID,
        environmentID: UUID,
        name: String,
        enabled: Bool,
        verifyTLSCertificates: Bool,
        includedActionTypes: [String],
        includedApplicationIDs: [UUID] = [],
        ipAddressExposed: Bool = false,
        userAgentExposed: Bool = false,
        url: String,
        headers: [String: String] = [:],
        tlsClientAuthKeyID: UUID? = nil,
        maximumEventsPerPayload: Int = Subscription.maximumEventsPerPayload,
        payloadFormat: PayloadFormat = .jsonArray,
        prettyPrint: Bool = false,
        createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.environmentID = environmentID
        self.name = name
        self.enabled = enabled
        self.verifyTLSCertificates = verifyTLSCertificates
        self.includedActionTypes = includedActionTypes
        self.includedApplicationIDs = includedApplicationIDs
        self.ipAddressExposed = ipAddressExposed
        self.userAgentExposed = userAgentExposed
        self.url = url
        self.headers = headers
        self.tlsClientAuthKeyID = tlsClientAuthKeyID
        self.maximumEventsPerPayload = maximumEventsPerPayload
        self.payloadFormat = payloadFormat
        self.prettyPrint = prettyPrint
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// PingOne's largest `EVENTS_PER_PAYLOAD`, also the default.
    public static let maximumEventsPerPayload = 500
    /// PingOne's limit of subscriptions per environment.
    public static let limitPerEnvironment = 50
    /// PingOne's limit of `includedApplications`.
    public static let maximumIncludedApplications = 10
    /// Events older than this are not delivered: PingOne keeps a suspended or failing
    /// subscription's events for two weeks.
    public static let eventRetention: TimeInterval = 14 * 86400
}

/// How a delivery's events are laid out: PingOne's `payloadOptions.payloadFormat.https.format`.
public enum PayloadFormat: String, Hashable, Sendable, CaseIterable {
    /// One JSON array of events (`application/json`).
    case jsonArray = "JSON_ARRAY"
    /// One JSON object per line (`application/x-ndjson`).
    case ndJSON = "ND_JSON"
}
