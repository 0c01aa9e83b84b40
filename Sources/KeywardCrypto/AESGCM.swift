import COpenSSL

/// AES-256-GCM authenticated encryption, as Keyward seals private keys at rest.
///
/// The sealed form is `nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes)`.
public enum AESGCM {
    /// The key length: 32 bytes.
    public static let keyLength = 32
    static let nonceLength = 12
    static let tagLength = 16

    /// Encrypts and authenticates `plaintext` and `associatedData` under a fresh random nonce.
    public static func seal(_ plaintext: [UInt8], key: [UInt8], associatedData: [UInt8] = []) throws(CryptoError)
        -> [UInt8]
    {
        guard key.count == keyLength else { throw .invalidArgument(name: "key", reason: "must be 32 bytes") }
        let nonce = try SecureRandom.bytes(count: nonceLength)
        let context = try CipherContext()
        try ensure(EVP_EncryptInit_ex2(context.context, EVP_aes_256_gcm(), key, nonce, nil), "EVP_EncryptInit_ex2")
        var length: Int32 = 0
        if !associatedData.isEmpty {
            try ensure(
                EVP_EncryptUpdate(context.context, nil, &length, associatedData, Int32(associatedData.count)),
                "EVP_EncryptUpdate(aad)"
            )
        }
        var ciphertext = [UInt8](repeating: 0, count: plaintext.count + 16)
        var total: Int32 = 0
        if !plaintext.isEmpty {
            try ensure(
                EVP_EncryptUpdate(context.context, &ciphertext, &length, plaintext, Int32(plaintext.count)),
                "EVP_EncryptUpdate"
            )
            total = length
        }
        let finished = ciphertext.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { EVP_EncryptFinal_ex(context.context, $0 + Int(total), &length) } ?? 0
        }
        try ensure(finished, "EVP_EncryptFinal_ex")
        total += length
        var tag = [UInt8](repeating: 0, count: tagLength)
        try ensure(
            EVP_CIPHER_CTX_ctrl(context.context, EVP_CTRL_GCM_GET_TAG, Int32(tagLength), &tag),
            "EVP_CTRL_GCM_GET_TAG"
        )
        return nonce + ciphertext.prefix(Int(total)) + tag
    }

    /// Checks and decrypts a sealed box; any alteration, wrong key or wrong associated data
    /// throws `authenticationFailed` and returns nothing.
    public static func open(_ sealed: [UInt8], key: [UInt8], associatedData: [UInt8] = []) throws(CryptoError)
        -> [UInt8]
    {
        guard key.count == keyLength else { throw .invalidArgument(name: "key", reason: "must be 32 bytes") }
        guard sealed.count >= nonceLength + tagLength else { throw .authenticationFailed }
        let nonce = Array(sealed.prefix(nonceLength))
        var tag = Array(sealed.suffix(tagLength))
        let ciphertext = Array(sealed[nonceLength..<(sealed.count - tagLength)])
        let context = try CipherContext()
        try ensure(EVP_DecryptInit_ex2(context.context, EVP_aes_256_gcm(), key, nonce, nil), "EVP_DecryptInit_ex2")
        var length: Int32 = 0
        if !associatedData.isEmpty {
            try ensure(
                EVP_DecryptUpdate(context.context, nil, &length, associatedData, Int32(associatedData.count)),
                "EVP_DecryptUpdate(aad)"
            )
        }
        var plaintext = [UInt8](repeating: 0, count: ciphertext.count + 16)
        var total: Int32 = 0
        if !ciphertext.isEmpty {
            try ensure(
                EVP_DecryptUpdate(context.context, &plaintext, &length, ciphertext, Int32(ciphertext.count)),
                "EVP_DecryptUpdate"
            )
            total = length
        }
        try ensure(
            EVP_CIPHER_CTX_ctrl(context.context, EVP_CTRL_GCM_SET_TAG, Int32(tagLength), &tag),
            "EVP_CTRL_GCM_SET_TAG"
        )
        let verified = plaintext.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { EVP_DecryptFinal_ex(context.context, $0 + Int(total), &length) } ?? 0
        }
        guard verified == 1 else {
            clearErrorQueue()
            OPENSSL_cleanse(&plaintext, plaintext.count)
            throw .authenticationFailed
        }
        total += length
        return Array(plaintext.prefix(Int(total)))
    }
}

/// One `EVP_CIPHER_CTX`, freed when it goes out of scope.
struct CipherContext: ~Copyable {
    let context: OpaquePointer
    init() throws(CryptoError) { context = try ensure(EVP_CIPHER_CTX_new(), "EVP_CIPHER_CTX_new") }
    deinit { EVP_CIPHER_CTX_free(context) }
}
