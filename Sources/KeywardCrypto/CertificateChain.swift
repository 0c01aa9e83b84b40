import COpenSSL

extension Certificate {
    /// Reads every certificate in `bytes`: a PEM bundle of `CERTIFICATE` blocks, a PEM or DER
    /// PKCS#7 (`certs-only`, as CAs answer CSRs), or one DER certificate. Order is kept.
    public static func parseChain(_ bytes: [UInt8]) throws(CryptoError) -> [Certificate] {
        try InputLimits.check(bytes, format: "certificate chain")
        if PEM.looksLikePEM(bytes) {
            if bytes.firstRange(of: Array("-----BEGIN PKCS7-----".utf8)) != nil {
                return try PKCS7Chain.certificates(in: bytes)
            }
            return try pemBundle(bytes)
        }
        if let certificate = try? Certificate(parsing: bytes) {
            return [certificate]
        }
        return try PKCS7Chain.certificates(in: bytes)
    }

    private static func pemBundle(_ bytes: [UInt8]) throws(CryptoError) -> [Certificate] {
        let bio = try MemoryBIO(copying: bytes)
        var certificates: [Certificate] = []
        while let x509 = PEM_read_bio_X509(bio.bio, nil, nil, nil) {
            let certificate = Certificate(takingOwnershipOf: x509)
            certificates.append(certificate)
        }
        let error = ERR_peek_last_error()
        clearErrorQueue()
        let endOfInput = ERR_GET_LIB(error) == ERR_LIB_PEM && ERR_GET_REASON(error) == PEM_R_NO_START_LINE
        guard endOfInput || error == 0, !certificates.isEmpty else {
            throw .malformedInput(format: "certificate chain", reason: "a PEM CERTIFICATE block does not parse")
        }
        for certificate in certificates {
            _ = try certificate.serialNumber
            _ = try certificate.subject
        }
        return certificates
    }

    /// The concatenated PEM of several certificates.
    public static func pemBundle(_ certificates: [Certificate]) throws(CryptoError) -> String {
        var text = ""
        for certificate in certificates { text += try certificate.pemRepresentation() }
        return text
    }
}
