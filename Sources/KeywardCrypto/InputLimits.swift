/// Size limits on untrusted input, checked before OpenSSL sees a byte.
///
/// Certificates, keys, CSRs, chains and PKCS#12 files of real use are a few kilobytes;
/// the limit keeps a hostile upload from costing more than a bounded amount of work.
public enum InputLimits {
    /// The largest encoded object KeywardCrypto parses: 1 MiB.
    public static let maximumBytes = 1 << 20

    static func check(_ bytes: [UInt8], format: String) throws(CryptoError) {
        guard !bytes.isEmpty else { throw .malformedInput(format: format, reason: "the input is empty") }
        guard bytes.count <= maximumBytes else { throw .inputTooLarge(format: format, limit: maximumBytes) }
    }
}
