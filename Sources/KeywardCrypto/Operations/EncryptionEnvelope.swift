/// Keyward's envelope for data longer than RSA-OAEP can carry under one key (format version 1):
///
/// ```
/// offset  length  field
/// 0       1       version: 0x01
/// 1       2       L, the length of the wrapped key, unsigned big-endian (= the modulus length k)
/// 3       L       RSA-OAEP (SHA-256, MGF1-SHA-256, no label) of a fresh 32-byte AES-256 key
/// 3+L     12      AES-256-GCM nonce
/// 15+L    n       AES-256-GCM ciphertext of the n-byte plaintext
/// 15+L+n  16      GCM tag
/// ```
///
/// The GCM associated data is the header, bytes `0 ..< 3+L`, so neither the version nor the
/// wrapped key can be changed without the tag failing. An envelope is always at least
/// `k + 31` bytes long, a plain RSA-OAEP ciphertext exactly `k`: the length alone tells them
/// apart, and the version byte is checked besides.
public enum EncryptionEnvelope {
    /// The format version this code writes and reads.
    public static let version: UInt8 = 0x01
    /// Bytes besides the wrapped key and the plaintext: version, length, nonce, tag.
    public static let overhead = 1 + 2 + 12 + 16

    /// Seals `plaintext` for the holder of `key`'s private half.
    public static func seal(_ plaintext: [UInt8], for key: PublicKey) throws(CryptoError) -> [UInt8] {
        var dataKey = try SecureRandom.bytes(count: AESGCM.keyLength)
        defer { dataKey.withUnsafeMutableBufferPointer { $0.initialize(repeating: 0) } }
        let wrapped = try key.encryptOAEP(dataKey)
        let header = [version, UInt8(wrapped.count >> 8), UInt8(wrapped.count & 0xFF)] + wrapped
        return header + (try AESGCM.seal(plaintext, key: dataKey, associatedData: header))
    }

    /// Opens an envelope with `key`; a wrong version or length is `malformedInput`, a wrong key
    /// or any altered byte `authenticationFailed`.
    public static func open(_ envelope: [UInt8], with key: PrivateKey) throws(CryptoError) -> [UInt8] {
        guard envelope.count > 3, envelope[0] == version else {
            throw .malformedInput(format: "envelope", reason: "does not start with version byte 0x01")
        }
        let wrappedLength = Int(envelope[1]) << 8 | Int(envelope[2])
        guard envelope.count >= 3 + wrappedLength + 12 + 16 else {
            throw .malformedInput(format: "envelope", reason: "is shorter than its header says")
        }
        let header = Array(envelope[0..<(3 + wrappedLength)])
        var dataKey = try key.decryptOAEP(Array(header[3...]))
        defer { dataKey.withUnsafeMutableBufferPointer { $0.initialize(repeating: 0) } }
        guard dataKey.count == AESGCM.keyLength else { throw .authenticationFailed }
        return try AESGCM.open(Array(envelope[header.count...]), key: dataKey, associatedData: header)
    }
}
