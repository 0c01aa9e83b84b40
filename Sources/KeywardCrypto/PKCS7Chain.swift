import COpenSSL

/// PKCS#7 `certs-only` bundles (RFC 2315 SignedData with no signers): how chains are exported
/// (`application/x-pkcs7-certificates`) and how many CAs answer a CSR.
public enum PKCS7Chain {
    /// Encodes `certificates` as DER PKCS#7, in the order given.
    public static func der(_ certificates: [Certificate]) throws(CryptoError) -> [UInt8] {
        let container = try make(certificates)
        defer { PKCS7_free(container) }
        return try derEncode("i2d_PKCS7") { i2d_PKCS7(container, $0) }
    }

    /// Encodes `certificates` as PEM PKCS#7 (`-----BEGIN PKCS7-----`).
    public static func pem(_ certificates: [Certificate]) throws(CryptoError) -> String {
        let container = try make(certificates)
        defer { PKCS7_free(container) }
        let bio = try MemoryBIO()
        try ensure(PEM_write_bio_PKCS7(bio.bio, container), "PEM_write_bio_PKCS7")
        return String(decoding: bio.contents(), as: UTF8.self)
    }

    /// Reads the certificates of a PEM or DER PKCS#7 SignedData, in their stored order.
    public static func certificates(in bytes: [UInt8]) throws(CryptoError) -> [Certificate] {
        try InputLimits.check(bytes, format: "PKCS#7")
        let container: UnsafeMutablePointer<PKCS7>
        if PEM.looksLikePEM(bytes) {
            let bio = try MemoryBIO(copying: bytes)
            guard let read = PEM_read_bio_PKCS7(bio.bio, nil, nil, nil) else {
                clearErrorQueue()
                throw .malformedInput(format: "PKCS#7", reason: "no PEM PKCS7 block that parses")
            }
            container = read
        } else {
            container = try derDecode(
                bytes,
                format: "PKCS#7",
                free: { PKCS7_free($0) },
                decode: { cursor, length in d2i_PKCS7(nil, cursor, length) }
            )
        }
        defer { PKCS7_free(container) }
        guard OBJ_obj2nid(container.pointee.type) == NID_pkcs7_signed, let signed = container.pointee.d.sign,
            let stack = signed.pointee.cert
        else {
            throw .malformedInput(format: "PKCS#7", reason: "not a SignedData bundle with certificates")
        }
        var certificates: [Certificate] = []
        for index in 0..<keyward_sk_x509_num(stack) {
            guard let x509 = keyward_sk_x509_value(stack, index) else { continue }
            X509_up_ref(x509)
            let certificate = Certificate(takingOwnershipOf: x509)
            _ = try certificate.serialNumber
            _ = try certificate.subject
            certificates.append(certificate)
        }
        guard !certificates.isEmpty else {
            throw .malformedInput(format: "PKCS#7", reason: "the bundle holds no certificate")
        }
        return certificates
    }

    private static func make(_ certificates: [Certificate]) throws(CryptoError) -> UnsafeMutablePointer<PKCS7> {
        guard !certificates.isEmpty else {
            throw .invalidArgument(name: "certificates", reason: "a PKCS#7 bundle needs at least one certificate")
        }
        let container = try ensure(PKCS7_new(), "PKCS7_new")
        do {
            try ensure(PKCS7_set_type(container, NID_pkcs7_signed), "PKCS7_set_type")
            try ensure(PKCS7_content_new(container, NID_pkcs7_data), "PKCS7_content_new")
            for certificate in certificates {
                try ensure(PKCS7_add_certificate(container, certificate.x509), "PKCS7_add_certificate")
            }
        } catch {
            PKCS7_free(container)
            throw error
        }
        return container
    }
}
