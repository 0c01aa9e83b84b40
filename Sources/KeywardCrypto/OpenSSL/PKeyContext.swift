import COpenSSL

/// One `EVP_PKEY_CTX`, for a single sign, verify, encrypt or decrypt; freed when it goes out of scope.
struct PKeyContext: ~Copyable {
    let context: OpaquePointer

    init(_ pkey: OpaquePointer) throws(CryptoError) {
        context = try ensure(EVP_PKEY_CTX_new_from_pkey(nil, pkey, nil), "EVP_PKEY_CTX_new_from_pkey")
    }

    /// Takes ownership of a context made elsewhere (e.g. by `EVP_PKEY_CTX_dup`).
    init(takingOwnershipOf context: OpaquePointer) {
        self.context = context
    }

    deinit { EVP_PKEY_CTX_free(context) }

    /// Gives up ownership: the caller frees the returned context.
    consuming func release() -> OpaquePointer {
        let context = self.context
        discard self
        return context
    }

    /// Sets the padding and digest parameters of a signature scheme on an initialised context.
    func configure(for scheme: SignatureScheme) throws(CryptoError) {
        try ensure(EVP_PKEY_CTX_set_signature_md(context, scheme.digest.messageDigest), "EVP_PKEY_CTX_set_signature_md")
        switch scheme {
        case .rsaPKCS1v15:
            try ensure(EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PADDING), "EVP_PKEY_CTX_set_rsa_padding")
        case .rsaPSS:
            try ensure(EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PSS_PADDING), "EVP_PKEY_CTX_set_rsa_padding")
            try ensure(
                EVP_PKEY_CTX_set_rsa_pss_saltlen(context, RSA_PSS_SALTLEN_DIGEST),
                "EVP_PKEY_CTX_set_rsa_pss_saltlen"
            )
            try ensure(
                EVP_PKEY_CTX_set_rsa_mgf1_md(context, scheme.digest.messageDigest),
                "EVP_PKEY_CTX_set_rsa_mgf1_md"
            )
        case .ecdsa:
            break
        }
    }

    /// Sets RSA-OAEP with SHA-256 for both the label hash and MGF1, no label.
    func configureOAEP() throws(CryptoError) {
        try ensure(EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_OAEP_PADDING), "EVP_PKEY_CTX_set_rsa_padding")
        try ensure(EVP_PKEY_CTX_set_rsa_oaep_md(context, EVP_sha256()), "EVP_PKEY_CTX_set_rsa_oaep_md")
        try ensure(EVP_PKEY_CTX_set_rsa_mgf1_md(context, EVP_sha256()), "EVP_PKEY_CTX_set_rsa_mgf1_md")
    }
}
