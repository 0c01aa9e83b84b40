#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What a client may set on a subscription (create and replace), already read from PingOne's
/// body; `SubscriptionRules` checks the values.
public struct SubscriptionRequest: Sendable {
    public var name: String
    public var enabled: Bool
    public var verifyTLSCertificates: Bool
    public var includedActionTypes: [String]
    public var includedApplicationIDs: [UUID]
    public var ipAddressExposed: Bool
    public var userAgentExposed: Bool
    public var url: String
    public var headers: [String: String]
    public var tlsClientAuthKeyID: UUID?
    public var maximumEventsPerPayload: Int
    public var payloadFormat: PayloadFormat
    public var prettyPrint: Bool

    public init(
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
        prettyPrint: Bool = false
    ) {
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
    }
}
