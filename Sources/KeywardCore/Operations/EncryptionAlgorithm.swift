/// The algorithms of `/encryptions` and `/decryptions`.
public enum EncryptionAlgorithm: String, Hashable, Sendable, CaseIterable {
    /// RSA-OAEP with SHA-256 and MGF1-SHA-256, no label (RFC 7518 §4.3's name): one RSA block.
    case rsaOAEP256 = "RSA-OAEP-256"
    /// Keyward's envelope (`EncryptionEnvelope`, version 1): an AES-256-GCM data key wrapped
    /// with RSA-OAEP-256, for plaintexts longer than one RSA block carries.
    case rsaOAEP256Envelope = "RSA-OAEP-256+A256GCM"
}
