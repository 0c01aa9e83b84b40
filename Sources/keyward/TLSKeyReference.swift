#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `--tls-key ENVIRONMENT_ID/KEY_ID`: the stored SSL/TLS key that `keyward serve` uses for HTTPS.
struct TLSKeyReference: Equatable {
    let environmentID: UUID
    let keyID: UUID

    /// Parses `ENVIRONMENT_ID/KEY_ID`; `nil` unless both are UUIDs.
    init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let environmentID = UUID(text: String(parts[0])),
            let keyID = UUID(text: String(parts[1]))
        else { return nil }
        self.environmentID = environmentID
        self.keyID = keyID
    }
}
