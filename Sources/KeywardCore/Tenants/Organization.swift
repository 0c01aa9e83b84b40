#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The top-level tenant. Owns its default organization certificate: an intermediate CA
/// signed by the installation root, which signs the environments' default certificates.
public struct Organization: Hashable, Sendable {
    public var id: UUID
    public var name: String
    public var description: String?
    /// PingOne's `type` (`PAID`, `TRIAL`, `INTERNAL`); stored and echoed, Keyward has no licensing.
    public var type: String
    public var createdAt: Date
    public var updatedAt: Date
    /// The organization CA certificate, DER.
    public var certificateDER: [UInt8]

    public init(
        id: UUID,
        name: String,
        description: String? = nil,
        type: String = "INTERNAL",
        createdAt: Date,
        updatedAt: Date,
        certificateDER: [UInt8]
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.type = type
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.certificateDER = certificateDER
    }
}
