/// Why a delivery could not be attempted; its text becomes the subscription's `lastError`, so it
/// never carries a secret, a header value or a body.
public enum WebhookError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A libcurl call failed before or during the transfer.
    case curl(call: String, message: String)
    /// The payload could not be built from the events.
    case payload(String)

    public var description: String {
        switch self {
        case .curl(let call, let message): "libcurl \(call): \(message)"
        case .payload(let reason): "the payload could not be built: \(reason)"
        }
    }
}
