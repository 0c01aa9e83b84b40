import COpenSSL

/// A public key held by OpenSSL (RSA or EC); the `EVP_PKEY` is freed exactly once, in `deinit`.
///
/// `@unchecked Sendable`: immutable after init, and OpenSSL 3 allows concurrent read-only use.
public final class PublicKey: @unchecked Sendable {
    let pkey: OpaquePointer
    /// The spec (algorithm and size) of this key, read once when the key is parsed.
    public let spec: KeySpec
    let contexts = OperationContexts()

    /// Takes ownership of `pkey`; frees it and throws when its type, size or curve is not supported.
    init(takingOwnershipOf pkey: OpaquePointer) throws(CryptoError) {
        do {
            spec = try KeySpec(of: pkey)
        } catch {
            EVP_PKEY_free(pkey)
            throw error
        }
        self.pkey = pkey
    }

    deinit { EVP_PKEY_free(pkey) }

    /// Reads a SubjectPublicKeyInfo, PEM (`-----BEGIN PUBLIC KEY-----`) or DER.
    public convenience init(parsing bytes: [UInt8]) throws(CryptoError) {
        let pkey = try KeyDecoder.decode(bytes, selection: KeyDecoder.publicKey, format: "public key")
        try self.init(takingOwnershipOf: pkey)
    }

    /// The SubjectPublicKeyInfo DER.
    public func derRepresentation() throws(CryptoError) -> [UInt8] {
        try derEncode("i2d_PUBKEY") { i2d_PUBKEY(pkey, $0) }
    }

    /// The SubjectPublicKeyInfo as PEM (`-----BEGIN PUBLIC KEY-----`).
    public func pemRepresentation() throws(CryptoError) -> String {
        let bytes = try KeyEncoder.encode(
            pkey,
            selection: KeyDecoder.publicKey,
            format: "PEM",
            structure: "SubjectPublicKeyInfo"
        )
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension PublicKey: Equatable {
    /// Two public keys are equal when OpenSSL finds the same parameters in both.
    public static func == (lhs: PublicKey, rhs: PublicKey) -> Bool {
        let equal = EVP_PKEY_eq(lhs.pkey, rhs.pkey) == 1
        clearErrorQueue()
        return equal
    }
}
