import COpenSSL
import Synchronization

/// What a key is used for in one call; each has its own configured context template.
enum KeyOperation: Hashable, Sendable {
    case sign(SignatureScheme)
    case verify(SignatureScheme)
    case encryptOAEP
    case decryptOAEP
}

/// The configured `EVP_PKEY_CTX` templates of one key: built on first use of an operation,
/// then duplicated for every call and freed with the key.
///
/// OpenSSL 3.0 spends a large share of a P-256 signature or an RSA-2048 verification on
/// creating a context and setting its padding and digest (name lookups in the provider store);
/// duplicating a ready context costs little (measured: P-256 sign went from 0.8 to about 1.0
/// of `openssl speed`). The lock guards only the dictionary and the duplication; the
/// cryptographic operation runs on the caller's own copy, outside it.
final class OperationContexts: Sendable {
    /// Template pointers, each owned here until `deinit`.
    private let templates = Mutex<[KeyOperation: TemplateContext]>([:])

    /// A fresh context for one `operation` on `pkey`, ready to use.
    func context(for operation: KeyOperation, of pkey: OpaquePointer) throws(CryptoError) -> PKeyContext {
        let duplicate: OpaquePointer? = try templates.withLock { (templates) throws(CryptoError) -> OpaquePointer? in
            if templates[operation] == nil {
                templates[operation] = try TemplateContext(operation, pkey)
            }
            return templates[operation].flatMap { EVP_PKEY_CTX_dup($0.context) }
        }
        guard let duplicate else { throw .openSSL(call: "EVP_PKEY_CTX_dup", queue: drainErrorQueue()) }
        return PKeyContext(takingOwnershipOf: duplicate)
    }
}

/// One configured template context, freed when its key's `OperationContexts` goes away.
final class TemplateContext: @unchecked Sendable {
    /// Only ever read (duplicated) under the owning `Mutex`.
    let context: OpaquePointer

    init(_ operation: KeyOperation, _ pkey: OpaquePointer) throws(CryptoError) {
        let built = try PKeyContext(pkey)
        switch operation {
        case .sign(let scheme):
            try ensure(EVP_PKEY_sign_init(built.context), "EVP_PKEY_sign_init")
            try built.configure(for: scheme)
        case .verify(let scheme):
            try ensure(EVP_PKEY_verify_init(built.context), "EVP_PKEY_verify_init")
            try built.configure(for: scheme)
        case .encryptOAEP:
            try ensure(EVP_PKEY_encrypt_init(built.context), "EVP_PKEY_encrypt_init")
            try built.configureOAEP()
        case .decryptOAEP:
            try ensure(EVP_PKEY_decrypt_init(built.context), "EVP_PKEY_decrypt_init")
            try built.configureOAEP()
        }
        context = built.release()
    }

    deinit { EVP_PKEY_CTX_free(context) }
}
