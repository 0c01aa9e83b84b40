import COpenSSL

/// A private key with its certificate and chain, as read from or written to PKCS#12.
public struct PKCS12Bundle: Sendable {
    public let privateKey: PrivateKey
    public let certificate: Certificate
    /// The other certificates in the file (issuers), in stored order.
    public let chain: [Certificate]

    public init(privateKey: PrivateKey, certificate: Certificate, chain: [Certificate] = []) {
        self.privateKey = privateKey
        self.certificate = certificate
        self.chain = chain
    }

    /// Reads a PKCS#12 (`.p12`/`.pfx`) file.
    ///
    /// `password` may be `nil` for files without one. A file that needs a password and got none
    /// throws `passwordRequired`; a wrong one, `wrongPassword`. The key must match the certificate.
    public init(parsing bytes: [UInt8], password: String?) throws(CryptoError) {
        let file = try derDecode(
            bytes,
            format: "PKCS#12",
            free: { PKCS12_free($0) },
            decode: { cursor, length in d2i_PKCS12(nil, cursor, length) }
        )
        defer { PKCS12_free(file) }
        let (passphrase, macVerified) = try Self.checkPassword(file, password)
        var pkey: OpaquePointer?
        var x509: OpaquePointer?
        var others: OpaquePointer?
        guard PKCS12_parse(file, passphrase, &pkey, &x509, &others) == 1 else {
            let queue = drainErrorQueue()
            if queue.contains(where: { $0.contains("unsupported") }) {
                throw .unsupportedAlgorithm("PKCS#12 encrypted with a legacy cipher (e.g. RC2); re-export it with AES")
            }
            if macVerified { throw .malformedInput(format: "PKCS#12", reason: "the contents cannot be read") }
            throw password == nil ? .passwordRequired : .wrongPassword
        }
        let leaf = x509.map(Certificate.init(takingOwnershipOf:))
        var chain: [Certificate] = []
        if let others {
            for index in 0..<keyward_sk_x509_num(others) {
                guard let certificate = keyward_sk_x509_value(others, index) else { continue }
                X509_up_ref(certificate)
                chain.append(Certificate(takingOwnershipOf: certificate))
            }
            keyward_sk_x509_pop_free(others)
        }
        // Owners exist for the certificates above, so every path from here frees them.
        guard let pkey else { throw .malformedInput(format: "PKCS#12", reason: "the file holds no private key") }
        let key = try PrivateKey(takingOwnershipOf: pkey)
        guard let leaf else {
            throw .malformedInput(format: "PKCS#12", reason: "the file holds no certificate for its key")
        }
        _ = try leaf.serialNumber
        _ = try leaf.subject
        guard key.matches(leaf) else { throw .keyMismatch }
        self.init(privateKey: key, certificate: leaf, chain: chain)
    }

    /// The passphrase that opens the file's MAC, trying "no password" both ways OpenSSL writes it,
    /// and whether a MAC confirmed it.
    private static func checkPassword(_ file: OpaquePointer, _ password: String?) throws(CryptoError)
        -> (passphrase: String?, macVerified: Bool)
    {
        guard PKCS12_mac_present(file) == 1 else { return (password ?? "", false) }
        if let password, !password.isEmpty {
            guard PKCS12_verify_mac(file, password, Int32(password.utf8.count)) == 1 else {
                clearErrorQueue()
                throw .wrongPassword
            }
            return (password, true)
        }
        if PKCS12_verify_mac(file, nil, 0) == 1 { return (nil, true) }
        if PKCS12_verify_mac(file, "", 0) == 1 { return ("", true) }
        clearErrorQueue()
        throw password == nil ? .passwordRequired : .wrongPassword
    }

    /// Writes the bundle as PKCS#12 with OpenSSL 3's defaults (PBES2 AES-256-CBC, PBKDF2,
    /// SHA-256 MAC). `password` must not be empty: Keyward never writes an unprotected key.
    public func pkcs12(password: String, friendlyName: String? = nil) throws(CryptoError) -> [UInt8] {
        guard !password.isEmpty else {
            throw .invalidArgument(name: "password", reason: "a PKCS#12 export needs a password")
        }
        let stack = try ensure(keyward_sk_x509_new(), "sk_X509_new_null")
        defer { keyward_sk_x509_free(stack) }
        for certificate in chain {
            guard keyward_sk_x509_push(stack, certificate.x509) > 0 else {
                throw .openSSL(call: "sk_X509_push", queue: drainErrorQueue())
            }
        }
        guard
            let file = PKCS12_create(password, friendlyName, privateKey.pkey, certificate.x509, stack, 0, 0, 0, 0, 0)
        else {
            throw .openSSL(call: "PKCS12_create", queue: drainErrorQueue())
        }
        defer { PKCS12_free(file) }
        return try derEncode("i2d_PKCS12") { i2d_PKCS12(file, $0) }
    }
}
