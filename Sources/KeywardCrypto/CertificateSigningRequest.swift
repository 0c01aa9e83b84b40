import COpenSSL

/// A PKCS#10 certificate signing request; the `X509_REQ` is freed exactly once, in `deinit`.
///
/// A parsed request has had its self-signature checked: one that does not verify is refused.
public final class CertificateSigningRequest: @unchecked Sendable {
    let request: OpaquePointer

    private init(takingOwnershipOf request: OpaquePointer) { self.request = request }
    deinit { X509_REQ_free(request) }

    /// Creates a request for `key` with `subject` and, if any, a subjectAltName extension request.
    public convenience init(
        subject: DistinguishedName,
        subjectAlternativeNames: [GeneralName] = [],
        key: PrivateKey,
        signatureAlgorithm: SignatureAlgorithm
    ) throws(CryptoError) {
        guard key.spec.algorithm == signatureAlgorithm.keyAlgorithm else {
            throw .algorithmMismatch(
                "\(signatureAlgorithm.rawValue) needs an \(signatureAlgorithm.keyAlgorithm.rawValue) key"
            )
        }
        let request = try ensure(X509_REQ_new(), "X509_REQ_new")
        self.init(takingOwnershipOf: request)
        try ensure(X509_REQ_set_version(request, 0), "X509_REQ_set_version")
        let name = try subject.makeX509Name()
        defer { X509_NAME_free(name) }
        try ensure(X509_REQ_set_subject_name(request, name), "X509_REQ_set_subject_name")
        try ensure(X509_REQ_set_pubkey(request, key.pkey), "X509_REQ_set_pubkey")
        if !subjectAlternativeNames.isEmpty {
            let names = try subjectAlternativeNames.makeGeneralNames()
            defer { keyward_general_names_free(names) }
            var extensions: OpaquePointer? = nil
            defer { if let extensions { keyward_sk_ext_pop_free(extensions) } }
            guard X509V3_add1_i2d(&extensions, NID_subject_alt_name, UnsafeMutableRawPointer(names), 0, 0) == 1 else {
                throw .openSSL(call: "X509V3_add1_i2d", queue: drainErrorQueue())
            }
            try ensure(X509_REQ_add_extensions(request, extensions), "X509_REQ_add_extensions")
        }
        guard X509_REQ_sign(request, key.pkey, signatureAlgorithm.digest.messageDigest) > 0 else {
            throw .openSSL(call: "X509_REQ_sign", queue: drainErrorQueue())
        }
    }

    /// Reads a request, PEM (`CERTIFICATE REQUEST`) or DER, and checks its signature.
    public convenience init(parsing bytes: [UInt8]) throws(CryptoError) {
        try InputLimits.check(bytes, format: "CSR")
        let request: OpaquePointer
        if PEM.looksLikePEM(bytes) {
            let bio = try MemoryBIO(copying: bytes)
            guard let read = PEM_read_bio_X509_REQ(bio.bio, nil, nil, nil) else {
                clearErrorQueue()
                throw .malformedInput(format: "CSR", reason: "no PEM CERTIFICATE REQUEST block that parses")
            }
            request = read
        } else {
            request = try derDecode(
                bytes,
                format: "CSR",
                free: { X509_REQ_free($0) },
                decode: { cursor, length in d2i_X509_REQ(nil, cursor, length) }
            )
        }
        self.init(takingOwnershipOf: request)
        guard let key = X509_REQ_get0_pubkey(request) else {
            clearErrorQueue()
            throw .malformedInput(format: "CSR", reason: "the public key cannot be read")
        }
        _ = try KeySpec(of: key)
        guard X509_REQ_verify(request, key) == 1 else {
            clearErrorQueue()
            throw .invalidSignature("the CSR's signature does not verify with its own public key")
        }
        _ = try subject
    }

    /// The requested subject.
    public var subject: DistinguishedName {
        get throws(CryptoError) { try DistinguishedName(x509Name: X509_REQ_get_subject_name(request)) }
    }

    /// The requested public key.
    public var publicKey: PublicKey {
        get throws(CryptoError) {
            guard let pkey = X509_REQ_get_pubkey(request) else {
                throw .malformedInput(format: "CSR", reason: "the public key cannot be read")
            }
            return try PublicKey(takingOwnershipOf: pkey)
        }
    }

    /// The subjectAltName entries of the extension request, if any.
    public var subjectAlternativeNames: [GeneralName] {
        guard let extensions = X509_REQ_get_extensions(request) else {
            clearErrorQueue()
            return []
        }
        defer { keyward_sk_ext_pop_free(extensions) }
        guard let raw = X509V3_get_d2i(extensions, NID_subject_alt_name, nil, nil) else {
            clearErrorQueue()
            return []
        }
        let names = OpaquePointer(raw)
        defer { keyward_general_names_free(names) }
        return [GeneralName](generalNames: names)
    }

    /// The DER encoding (`application/pkcs10`).
    public func derRepresentation() throws(CryptoError) -> [UInt8] {
        try derEncode("i2d_X509_REQ") { i2d_X509_REQ(request, $0) }
    }

    /// The PEM encoding (`-----BEGIN CERTIFICATE REQUEST-----`).
    public func pemRepresentation() throws(CryptoError) -> String {
        let bio = try MemoryBIO()
        try ensure(PEM_write_bio_X509_REQ(bio.bio, request), "PEM_write_bio_X509_REQ")
        return String(decoding: bio.contents(), as: UTF8.self)
    }
}
