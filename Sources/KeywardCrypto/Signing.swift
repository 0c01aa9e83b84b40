import COpenSSL

extension PrivateKey {
    /// Signs `message`: it is hashed with the scheme's digest, then signed.
    public func sign(_ message: [UInt8], scheme: SignatureScheme) throws(CryptoError) -> [UInt8] {
        try sign(digest: scheme.digest.hash(message), scheme: scheme)
    }

    /// Signs a precomputed digest, which must be as long as the scheme's digest.
    ///
    /// ECDSA signatures are DER `ECDSA-Sig-Value`, as OpenSSL and Java produce them.
    public func sign(digest: [UInt8], scheme: SignatureScheme) throws(CryptoError) -> [UInt8] {
        try checkScheme(scheme, keyAlgorithm: spec.algorithm)
        guard digest.count == scheme.digest.length else {
            throw .invalidArgument(
                name: "digest",
                reason: "must be \(scheme.digest.length) bytes for \(scheme.digest.rawValue)"
            )
        }
        let context = try contexts.context(for: .sign(scheme), of: pkey)
        var length = Int(EVP_PKEY_get_size(pkey))
        var signature = [UInt8](repeating: 0, count: length)
        try ensure(EVP_PKEY_sign(context.context, &signature, &length, digest, digest.count), "EVP_PKEY_sign")
        signature.removeSubrange(length...)
        return signature
    }
}

extension PublicKey {
    /// True when `signature` is a valid signature of `message` under `scheme`.
    ///
    /// Any malformed, truncated or out-of-range signature is simply not valid: this never throws
    /// for bad signatures, only for a scheme that does not fit the key.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8], scheme: SignatureScheme)
        throws(CryptoError) -> Bool
    {
        try isValidSignature(signature, digest: scheme.digest.hash(message), scheme: scheme)
    }

    /// True when `signature` is a valid signature of the precomputed `digest` under `scheme`.
    public func isValidSignature(_ signature: [UInt8], digest: [UInt8], scheme: SignatureScheme)
        throws(CryptoError) -> Bool
    {
        try checkScheme(scheme, keyAlgorithm: spec.algorithm)
        guard digest.count == scheme.digest.length, !signature.isEmpty, signature.count <= 4096 else { return false }
        let context = try contexts.context(for: .verify(scheme), of: pkey)
        let result = EVP_PKEY_verify(context.context, signature, signature.count, digest, digest.count)
        clearErrorQueue()
        return result == 1
    }
}

/// Refuses a scheme that needs another key family (e.g. ECDSA with an RSA key).
func checkScheme(_ scheme: SignatureScheme, keyAlgorithm: KeyAlgorithm) throws(CryptoError) {
    guard scheme.keyAlgorithm == keyAlgorithm else {
        throw .algorithmMismatch(
            "this signature scheme needs an \(scheme.keyAlgorithm.rawValue) key, not \(keyAlgorithm.rawValue)"
        )
    }
}
