#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A key or certificate that may owe an EXPIRING or EXPIRED event (see
/// `StoreReader.expiryCandidates`).
public enum ExpiryCandidate: Hashable, Sendable {
    case key(Key)
    case certificate(PublicCertificate)

    /// The record's id (the key or the certificate).
    public var id: UUID {
        switch self {
        case .key(let key): key.id
        case .certificate(let certificate): certificate.id
        }
    }

    /// The record's status at `now`.
    public func status(at now: Date) -> KeyStatus {
        switch self {
        case .key(let key): key.status(at: now)
        case .certificate(let certificate): certificate.status(at: now)
        }
    }
}
