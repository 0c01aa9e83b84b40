import COpenSSL

/// A private key held by OpenSSL; the `EVP_PKEY` is freed exactly once, in `deinit`.
///
/// `@unchecked Sendable` is sound because the key is never mutated after init, and OpenSSL 3
/// allows a shared `EVP_PKEY` to be used read-only from several threads (each operation
/// works on its own duplicate of a configured context, see `OperationContexts`).
public final class PrivateKey: @unchecked Sendable {
    let pkey: OpaquePointer
    /// The spec (algorithm and size) of this key, read once when the key is made or parsed.
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

    /// Generates a new key pair. RSA 3072 and above take seconds: never call this on a request thread.
    public static func generate(_ spec: KeySpec) throws(CryptoError) -> PrivateKey {
        let pkey: OpaquePointer
        if let curve = spec.curveName {
            pkey = try ensure(keyward_ec_keygen(curve), "EVP_PKEY_Q_keygen(EC)")
        } else {
            pkey = try ensure(keyward_rsa_keygen(UInt32(spec.keyLength)), "EVP_PKEY_Q_keygen(RSA)")
        }
        return try PrivateKey(takingOwnershipOf: pkey)
    }

    /// Reads an unencrypted private key: PEM or DER, PKCS#8, PKCS#1 (RSA) or SEC1 (EC).
    ///
    /// An encrypted key (PKCS#8 `ENCRYPTED PRIVATE KEY`, or legacy PEM with `Proc-Type: 4,ENCRYPTED`)
    /// throws `encryptedPrivateKey`; anything that is not a key throws `malformedInput`.
    public convenience init(parsing bytes: [UInt8]) throws(CryptoError) {
        let pkey = try KeyDecoder.decode(bytes, selection: KeyDecoder.keyPair, format: "private key")
        try self.init(takingOwnershipOf: pkey)
    }

    /// The public half of this key.
    public var publicKey: PublicKey {
        get throws(CryptoError) {
            let der = try derEncode("i2d_PUBKEY") { i2d_PUBKEY(pkey, $0) }
            return try PublicKey(parsing: der)
        }
    }

    /// The key as unencrypted PKCS#8 DER. Handle with care: this is the secret.
    public func pkcs8DER() throws(CryptoError) -> [UInt8] {
        try KeyEncoder.encode(pkey, selection: KeyDecoder.keyPair, format: "DER", structure: "PrivateKeyInfo")
    }

    /// The key as unencrypted PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`). Handle with care.
    public func pkcs8PEM() throws(CryptoError) -> String {
        let bytes = try KeyEncoder.encode(
            pkey,
            selection: KeyDecoder.keyPair,
            format: "PEM",
            structure: "PrivateKeyInfo"
        )
        return String(decoding: bytes, as: UTF8.self)
    }

    /// True when `certificate` carries this key's public half.
    public func matches(_ certificate: Certificate) -> Bool {
        guard let certificateKey = X509_get0_pubkey(certificate.x509) else {
            clearErrorQueue()
            return false
        }
        let equal = EVP_PKEY_eq(pkey, certificateKey) == 1
        clearErrorQueue()
        return equal
    }
}

extension KeySpec {
    /// The EC group names OpenSSL reports, by the spec they mean.
    private static let curvesByName: [String: KeySpec] = [
        "P-224": .p224, "secp224r1": .p224, "P-256": .p256, "prime256v1": .p256,
        "P-384": .p384, "secp384r1": .p384, "P-521": .p521, "secp521r1": .p521,
    ]

    /// The spec of an OpenSSL key, or `unsupportedAlgorithm` for any other type, size or curve.
    init(of pkey: OpaquePointer) throws(CryptoError) {
        let bits = Int(EVP_PKEY_get_bits(pkey))
        switch EVP_PKEY_get_base_id(pkey) {
        case EVP_PKEY_RSA:
            guard let spec = KeySpec(algorithm: .rsa, keyLength: bits) else {
                throw .unsupportedAlgorithm("RSA keys of \(bits) bits (allowed: 2048, 3072, 4096, 7680)")
            }
            self = spec
        case EVP_PKEY_EC:
            var name = [CChar](repeating: 0, count: 64)
            var length = 0
            guard EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, &name, name.count, &length) == 1
            else {
                clearErrorQueue()
                throw .unsupportedAlgorithm("EC keys with explicit curve parameters")
            }
            let curve = String(decoding: name.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard let spec = Self.curvesByName[curve] else {
                throw .unsupportedAlgorithm("EC curve \(curve) (allowed: P-224, P-256, P-384, P-521)")
            }
            self = spec
        default:
            let name = EVP_PKEY_get0_type_name(pkey).map { String(cString: $0) } ?? "unknown"
            throw .unsupportedAlgorithm("\(name) keys (allowed: RSA, EC)")
        }
    }
}
