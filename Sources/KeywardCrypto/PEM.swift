/// Recognises PEM text so that readers can accept PEM and DER alike.
enum PEM {
    private static let marker = Array("-----BEGIN ".utf8)

    /// True when `bytes` hold a `-----BEGIN ` line (explanatory text may precede it, as RFC 7468 allows).
    static func looksLikePEM(_ bytes: [UInt8]) -> Bool {
        bytes.firstRange(of: marker) != nil
    }
}
