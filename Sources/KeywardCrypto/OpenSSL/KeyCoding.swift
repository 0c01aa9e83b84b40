import COpenSSL

/// Decodes keys with OpenSSL's `OSSL_DECODER`, which recognises PEM and DER, PKCS#8,
/// PKCS#1, SEC1 and SubjectPublicKeyInfo without being told which.
enum KeyDecoder {
    /// `EVP_PKEY_KEYPAIR`, a composite macro Swift does not import.
    static let keyPair = Int32(
        OSSL_KEYMGMT_SELECT_PRIVATE_KEY | OSSL_KEYMGMT_SELECT_PUBLIC_KEY | OSSL_KEYMGMT_SELECT_DOMAIN_PARAMETERS
            | OSSL_KEYMGMT_SELECT_OTHER_PARAMETERS
    )
    /// `EVP_PKEY_PUBLIC_KEY`, likewise.
    static let publicKey = Int32(
        OSSL_KEYMGMT_SELECT_PUBLIC_KEY | OSSL_KEYMGMT_SELECT_DOMAIN_PARAMETERS | OSSL_KEYMGMT_SELECT_OTHER_PARAMETERS
    )

    /// Set by the passphrase callback: OpenSSL asked for a passphrase, so the key is encrypted.
    private final class PassphraseProbe {
        var wasAsked = false
    }

    /// Returns a new `EVP_PKEY` the caller owns.
    static func decode(_ bytes: [UInt8], selection: Int32, format: String) throws(CryptoError) -> OpaquePointer {
        try InputLimits.check(bytes, format: format)
        let probe = PassphraseProbe()
        var pkey: OpaquePointer?
        let isPEM = PEM.looksLikePEM(bytes)
        let inputType: StaticString = isPEM ? "PEM" : "DER"
        guard
            let context = OSSL_DECODER_CTX_new_for_pkey(&pkey, inputType.cString, nil, nil, selection, nil, nil)
        else {
            throw .openSSL(call: "OSSL_DECODER_CTX_new_for_pkey", queue: drainErrorQueue())
        }
        defer { OSSL_DECODER_CTX_free(context) }
        let unmanagedProbe = Unmanaged.passRetained(probe)
        defer { unmanagedProbe.release() }
        // Never supplies a passphrase; records that one was wanted.
        OSSL_DECODER_CTX_set_passphrase_cb(
            context,
            { _, _, _, _, context in
                if let context {
                    Unmanaged<PassphraseProbe>.fromOpaque(context).takeUnretainedValue().wasAsked = true
                }
                return 0
            },
            unmanagedProbe.toOpaque()
        )
        var cursor: UnsafePointer<UInt8>?
        var remaining = 0
        let decoded = bytes.withUnsafeBufferPointer { buffer -> Int32 in
            cursor = buffer.baseAddress
            remaining = buffer.count
            return OSSL_DECODER_from_data(context, &cursor, &remaining)
        }
        if probe.wasAsked {
            if let pkey { EVP_PKEY_free(pkey) }
            clearErrorQueue()
            throw .encryptedPrivateKey
        }
        guard decoded == 1, let pkey else {
            clearErrorQueue()
            throw .malformedInput(format: format, reason: "not a \(format) OpenSSL can read (PEM or DER)")
        }
        if !isPEM && remaining != 0 {
            EVP_PKEY_free(pkey)
            throw .malformedInput(format: format, reason: "trailing bytes after the DER value")
        }
        return pkey
    }
}

/// Encodes keys with OpenSSL's `OSSL_ENCODER`.
enum KeyEncoder {
    static func encode(
        _ pkey: OpaquePointer,
        selection: Int32,
        format: StaticString,
        structure: StaticString
    ) throws(CryptoError) -> [UInt8] {
        let context = OSSL_ENCODER_CTX_new_for_pkey(pkey, selection, format.cString, structure.cString, nil)
        guard let context else {
            throw .openSSL(call: "OSSL_ENCODER_CTX_new_for_pkey", queue: drainErrorQueue())
        }
        defer { OSSL_ENCODER_CTX_free(context) }
        var data: UnsafeMutablePointer<UInt8>?
        var length = 0
        try ensure(OSSL_ENCODER_to_data(context, &data, &length), "OSSL_ENCODER_to_data")
        guard let data else { throw .openSSL(call: "OSSL_ENCODER_to_data", queue: drainErrorQueue()) }
        defer {
            OPENSSL_cleanse(data, length)
            keyward_openssl_free(data)
        }
        return Array(UnsafeBufferPointer(start: data, count: length))
    }
}

extension StaticString {
    /// The literal as a C string that lives for the whole program.
    ///
    /// OpenSSL 3.0's encoder and decoder contexts keep the `output_type`, `structure` and
    /// `input_type` pointers they are given without copying them, so the temporary C string
    /// Swift makes for a `String` argument would dangle after the call (seen: random failures).
    var cString: UnsafePointer<CChar> {
        UnsafeRawPointer(utf8Start).assumingMemoryBound(to: CChar.self)
    }
}
