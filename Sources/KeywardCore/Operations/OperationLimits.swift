/// Size limits of the cryptographic operations API, below the server's 1 MiB body limit once
/// base64 and JSON are added.
public enum OperationLimits {
    /// The longest `plainText` that `/signings`, `/verifications` and `/encryptions` accept: 512 KiB.
    public static let maximumPlaintext = 512 * 1024
    /// The longest `cipherText` that `/decryptions` accepts: the largest envelope of a
    /// 512 KiB plaintext under an RSA-7680 key.
    public static let maximumCiphertext = maximumPlaintext + 960 + 31
    /// The longest JSON payload `/keys/{keyID}/jws` signs: 64 KiB.
    public static let maximumJWSPayload = 64 * 1024
}
