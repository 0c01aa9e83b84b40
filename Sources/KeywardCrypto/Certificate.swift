import COpenSSL

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// An X.509 certificate held by OpenSSL; the `X509` is freed exactly once, in `deinit`.
///
/// `@unchecked Sendable`: never mutated after init. Accessors read the parsed structure.
public final class Certificate: @unchecked Sendable {
    let x509: OpaquePointer

    init(takingOwnershipOf x509: OpaquePointer) { self.x509 = x509 }
    deinit { X509_free(x509) }

    /// Reads one certificate, PEM (the first `CERTIFICATE` block) or DER.
    public convenience init(parsing bytes: [UInt8]) throws(CryptoError) {
        try InputLimits.check(bytes, format: "certificate")
        if PEM.looksLikePEM(bytes) {
            let bio = try MemoryBIO(copying: bytes)
            guard let x509 = PEM_read_bio_X509(bio.bio, nil, nil, nil) else {
                clearErrorQueue()
                throw .malformedInput(format: "certificate", reason: "no PEM CERTIFICATE block that parses")
            }
            self.init(takingOwnershipOf: x509)
        } else {
            let x509 = try derDecode(
                bytes,
                format: "certificate",
                free: { X509_free($0) },
                decode: { cursor, length in d2i_X509(nil, cursor, length) }
            )
            self.init(takingOwnershipOf: x509)
        }
        try checkReadable()
    }

    /// Refuses certificates whose fields Keyward cannot represent, so accessors never fail later.
    private func checkReadable() throws(CryptoError) {
        _ = try serialNumber
        _ = try subject
        _ = try issuer
        guard X509_get0_pubkey(x509) != nil else {
            clearErrorQueue()
            throw .malformedInput(format: "certificate", reason: "the public key cannot be read")
        }
        guard Self.date(X509_get0_notBefore(x509)) != nil, Self.date(X509_get0_notAfter(x509)) != nil else {
            throw .malformedInput(format: "certificate", reason: "the validity dates cannot be read")
        }
    }

    /// The X.509 version as written in certificates (1, 2 or 3).
    public var version: Int { Int(X509_get_version(x509)) + 1 }

    /// The serial number.
    public var serialNumber: SerialNumber {
        get throws(CryptoError) {
            guard let integer = X509_get0_serialNumber(x509) else {
                throw .malformedInput(format: "certificate", reason: "no serial number")
            }
            return try SerialNumber(integer)
        }
    }

    /// The subject name.
    public var subject: DistinguishedName {
        get throws(CryptoError) { try DistinguishedName(x509Name: X509_get_subject_name(x509)) }
    }

    /// The issuer name.
    public var issuer: DistinguishedName {
        get throws(CryptoError) { try DistinguishedName(x509Name: X509_get_issuer_name(x509)) }
    }

    /// The start of the validity period (to the second).
    public var notBefore: Date { Self.date(X509_get0_notBefore(x509)) ?? .distantPast }

    /// The end of the validity period (to the second).
    public var notAfter: Date { Self.date(X509_get0_notAfter(x509)) ?? .distantPast }

    /// The signature algorithm, or `nil` when it is not one of the data model's (e.g. RSA-PSS, MD5).
    public var signatureAlgorithm: SignatureAlgorithm? { SignatureAlgorithm(nid: X509_get_signature_nid(x509)) }

    /// The signature algorithm's OID in dotted form, for algorithms outside the data model.
    public var signatureAlgorithmOID: String {
        objectIdentifierText(OBJ_nid2obj(X509_get_signature_nid(x509)))
    }

    /// The subject public key.
    public var publicKey: PublicKey {
        get throws(CryptoError) {
            guard let pkey = X509_get_pubkey(x509) else {
                throw .malformedInput(format: "certificate", reason: "the public key cannot be read")
            }
            return try PublicKey(takingOwnershipOf: pkey)
        }
    }

    /// True when the certificate is within its validity period at `date`.
    public func isValid(at date: Date) -> Bool { notBefore <= date && date <= notAfter }

    /// True when `issuer`'s key verifies this certificate's signature.
    public func isSigned(by issuer: Certificate) -> Bool {
        guard let key = X509_get0_pubkey(issuer.x509) else {
            clearErrorQueue()
            return false
        }
        let verified = X509_verify(x509, key) == 1
        clearErrorQueue()
        return verified
    }

    /// The DER encoding.
    public func derRepresentation() throws(CryptoError) -> [UInt8] {
        try derEncode("i2d_X509") { i2d_X509(x509, $0) }
    }

    /// The PEM encoding (`-----BEGIN CERTIFICATE-----`).
    public func pemRepresentation() throws(CryptoError) -> String {
        let bio = try MemoryBIO()
        try ensure(PEM_write_bio_X509(bio.bio, x509), "PEM_write_bio_X509")
        return String(decoding: bio.contents(), as: UTF8.self)
    }

    /// A second owner of the same `X509` (reference count raised).
    func retainedX509() -> OpaquePointer {
        X509_up_ref(x509)
        return x509
    }

    static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date? {
        guard let time else { return nil }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else {
            clearErrorQueue()
            return nil
        }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }
}

extension Certificate: Equatable {
    /// Two certificates are equal when their DER encodings are.
    public static func == (lhs: Certificate, rhs: Certificate) -> Bool {
        X509_cmp(lhs.x509, rhs.x509) == 0
    }
}
