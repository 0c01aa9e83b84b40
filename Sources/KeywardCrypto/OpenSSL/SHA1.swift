import COpenSSL

/// SHA-1, for the one place a standard still asks for it: the JWK `x5t` certificate thumbprint
/// (RFC 7517 §4.8). Never used to sign or to check integrity.
enum SHA1 {
    static func hash(_ bytes: [UInt8]) throws(CryptoError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 20)
        var length: UInt32 = 0
        try ensure(EVP_Digest(bytes, bytes.count, &output, &length, EVP_sha1(), nil), "EVP_Digest(SHA-1)")
        return output
    }
}
