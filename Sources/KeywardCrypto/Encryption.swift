import COpenSSL

extension PublicKey {
    /// The longest plaintext RSA-OAEP (SHA-256) can encrypt under this key: k − 2·32 − 2 bytes.
    public var maximumOAEPPlaintextLength: Int {
        spec.algorithm == .rsa ? Int(EVP_PKEY_get_size(pkey)) - 2 * 32 - 2 : 0
    }

    /// Encrypts with RSA-OAEP, SHA-256 for the label hash and MGF1, no label.
    public func encryptOAEP(_ plaintext: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard spec.algorithm == .rsa else { throw .algorithmMismatch("RSA-OAEP needs an RSA key") }
        guard plaintext.count <= maximumOAEPPlaintextLength else {
            throw .invalidArgument(
                name: "plainText",
                reason: "at most \(maximumOAEPPlaintextLength) bytes fit in RSA-OAEP with this key"
            )
        }
        let context = try contexts.context(for: .encryptOAEP, of: pkey)
        var length = Int(EVP_PKEY_get_size(pkey))
        var ciphertext = [UInt8](repeating: 0, count: length)
        try ensure(
            EVP_PKEY_encrypt(context.context, &ciphertext, &length, plaintext, plaintext.count),
            "EVP_PKEY_encrypt"
        )
        ciphertext.removeSubrange(length...)
        return ciphertext
    }
}

extension PrivateKey {
    /// Decrypts RSA-OAEP (SHA-256). Any failure is `authenticationFailed`, with no detail,
    /// so the answer cannot serve as a padding oracle.
    public func decryptOAEP(_ ciphertext: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard spec.algorithm == .rsa else { throw .algorithmMismatch("RSA-OAEP needs an RSA key") }
        let context = try contexts.context(for: .decryptOAEP, of: pkey)
        var length = Int(EVP_PKEY_get_size(pkey))
        var plaintext = [UInt8](repeating: 0, count: length)
        guard EVP_PKEY_decrypt(context.context, &plaintext, &length, ciphertext, ciphertext.count) == 1 else {
            clearErrorQueue()
            throw .authenticationFailed
        }
        plaintext.removeSubrange(length...)
        return plaintext
    }
}
