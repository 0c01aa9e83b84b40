/// What a key or certificate is for: PingOne's `usageType`.
///
/// The wire value of the TLS type is `SSL/TLS` (the SDK, Terraform and the real service use it);
/// `SSL_TLS`, the seed's spelling, is accepted on input as an alias.
public enum UsageType: String, Hashable, Sendable, CaseIterable {
    case signing = "SIGNING"
    case encryption = "ENCRYPTION"
    case issuance = "ISSUANCE"
    case sslTLS = "SSL/TLS"
    case outboundMTLS = "OUTBOUND_MTLS"

    /// Reads a wire value, accepting the `SSL_TLS` alias.
    public init?(wireValue: String) {
        if wireValue == "SSL_TLS" {
            self = .sslTLS
        } else {
            self.init(rawValue: wireValue)
        }
    }
}

extension UsageType {
    /// Reads a required request field: absent is `missingValue`, unknown is `invalidValue`.
    static func parse(_ text: String?, field: String = "usageType") throws(CoreError) -> UsageType {
        guard let text else { throw .missingValue(field: field) }
        guard let usage = UsageType(wireValue: text) else {
            throw .invalidValue(
                field: field,
                reason: "must be one of \(allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        return usage
    }
}
