import COpenSSL

/// HMAC (RFC 2104) through OpenSSL's `EVP_Q_mac`: webhook deliveries are signed with
/// HMAC-SHA256 so that a receiver can check who sent them.
public enum HMAC {
    /// The 32-byte HMAC-SHA256 of `data` under `key`.
    public static func sha256(key: [UInt8], data: [UInt8]) throws(CryptoError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 32)
        var length = 0
        let result = output.withUnsafeMutableBufferPointer { buffer in
            key.withUnsafeBytes { keyBytes in
                EVP_Q_mac(
                    nil,
                    "HMAC",
                    nil,
                    "SHA256",
                    nil,
                    keyBytes.baseAddress,
                    keyBytes.count,
                    data,
                    data.count,
                    buffer.baseAddress,
                    buffer.count,
                    &length
                )
            }
        }
        _ = try ensure(result, "EVP_Q_mac(HMAC-SHA256)")
        guard length == 32 else { throw .openSSL(call: "EVP_Q_mac(HMAC-SHA256)", queue: drainErrorQueue()) }
        return output
    }
}
