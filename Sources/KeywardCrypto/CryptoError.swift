/// Why a KeywardCrypto operation refused its input or failed.
///
/// Input problems have their own cases so that KeywardCore can name the field they came
/// from; `openSSL` is a failure inside the library. No case ever carries key bytes.
public enum CryptoError: Error, Equatable, Sendable {
    /// The bytes are not a valid `format` (e.g. "certificate", "PKCS#12"); `reason` says why.
    case malformedInput(format: String, reason: String)
    /// The input is larger than KeywardCrypto accepts for its format.
    case inputTooLarge(format: String, limit: Int)
    /// The private key is encrypted with a passphrase; Keyward accepts only unencrypted keys.
    case encryptedPrivateKey
    /// The PKCS#12 file is protected by a password and none was given.
    case passwordRequired
    /// The password does not open the PKCS#12 file.
    case wrongPassword
    /// The key type, size, curve or algorithm is not one Keyward supports.
    case unsupportedAlgorithm(String)
    /// The signature algorithm or padding cannot be used with this key.
    case algorithmMismatch(String)
    /// The private key does not belong to the certificate (or CSR) it was paired with.
    case keyMismatch
    /// A signed object (e.g. a CSR) carries a signature that does not verify.
    case invalidSignature(String)
    /// A value given to a builder is out of range or has the wrong form.
    case invalidArgument(name: String, reason: String)
    /// A certificate chain does not verify; `reason` is OpenSSL's verification message.
    case untrustedChain(reason: String)
    /// Authenticated decryption failed: wrong key, wrong associated data, or altered bytes.
    case authenticationFailed
    /// An OpenSSL call failed for a reason that is not the caller's input.
    case openSSL(call: String, queue: [String])
}
