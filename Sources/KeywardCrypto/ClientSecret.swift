/// Random client secrets for API clients.
public enum ClientSecret {
    /// 48 bytes from OpenSSL's CSPRNG, base64url: 64 characters, 384 bits of entropy.
    public static func generate() throws(CryptoError) -> String {
        try Base64URL.encode(SecureRandom.bytes(count: 48))
    }
}
