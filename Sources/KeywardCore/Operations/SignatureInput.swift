/// What is signed or verified: a message, hashed with the algorithm's digest, or the digest
/// itself, computed by the caller.
public enum SignatureInput: Sendable {
    case message([UInt8])
    case digest([UInt8])

    /// The bytes as given (for the audit fingerprint).
    var bytes: [UInt8] {
        switch self {
        case .message(let bytes), .digest(let bytes): bytes
        }
    }

    /// Whether this is a message (hashed by the operation), not a digest.
    var isMessage: Bool {
        if case .message = self { return true }
        return false
    }
}
