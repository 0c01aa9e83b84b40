import COpenSSL

/// Random bytes from OpenSSL's CSPRNG (`RAND_bytes`).
public enum SecureRandom {
    /// `count` bytes of cryptographically secure randomness.
    public static func bytes(count: Int) throws(CryptoError) -> [UInt8] {
        guard count >= 0 else { throw .invalidArgument(name: "count", reason: "must not be negative") }
        var output = [UInt8](repeating: 0, count: count)
        if count > 0 {
            try ensure(RAND_bytes(&output, Int32(count)), "RAND_bytes")
        }
        return output
    }
}
