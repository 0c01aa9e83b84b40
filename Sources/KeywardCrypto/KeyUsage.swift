/// The keyUsage bits (RFC 5280 §4.2.1.3) Keyward sets and reads.
public struct KeyUsage: OptionSet, Hashable, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let digitalSignature = KeyUsage(rawValue: 1 << 0)
    public static let nonRepudiation = KeyUsage(rawValue: 1 << 1)
    public static let keyEncipherment = KeyUsage(rawValue: 1 << 2)
    public static let dataEncipherment = KeyUsage(rawValue: 1 << 3)
    public static let keyAgreement = KeyUsage(rawValue: 1 << 4)
    public static let keyCertSign = KeyUsage(rawValue: 1 << 5)
    public static let cRLSign = KeyUsage(rawValue: 1 << 6)

    /// The names OpenSSL's extension configuration uses, in bit order.
    static let configNames: [(KeyUsage, String)] = [
        (.digitalSignature, "digitalSignature"), (.nonRepudiation, "nonRepudiation"),
        (.keyEncipherment, "keyEncipherment"), (.dataEncipherment, "dataEncipherment"),
        (.keyAgreement, "keyAgreement"), (.keyCertSign, "keyCertSign"), (.cRLSign, "cRLSign"),
    ]
}

/// The extendedKeyUsage purposes Keyward sets and reads.
public enum ExtendedKeyUsage: String, Hashable, Sendable, CaseIterable {
    case serverAuth, clientAuth, codeSigning, emailProtection, timeStamping
    case ocspSigning = "OCSPSigning"

    /// The purpose's OID.
    public var objectIdentifier: String {
        switch self {
        case .serverAuth: "1.3.6.1.5.5.7.3.1"
        case .clientAuth: "1.3.6.1.5.5.7.3.2"
        case .codeSigning: "1.3.6.1.5.5.7.3.3"
        case .emailProtection: "1.3.6.1.5.5.7.3.4"
        case .timeStamping: "1.3.6.1.5.5.7.3.8"
        case .ocspSigning: "1.3.6.1.5.5.7.3.9"
        }
    }
}
