#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What a public-key operation (verify, encrypt) uses: a key's certificate, or a public
/// certificate of the Certificates resource.
public enum OperationTarget: Hashable, Sendable {
    case key(UUID)
    case certificate(UUID)

    /// The request member naming the target: `key.id` or `certificate.id`.
    public var field: String {
        switch self {
        case .key: "key.id"
        case .certificate: "certificate.id"
        }
    }
}
