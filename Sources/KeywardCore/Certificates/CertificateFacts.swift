import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What Keyward records about a certificate it did not issue (an import or an upload), read
/// from the certificate itself and checked against the upload rules.
struct CertificateFacts {
    let certificate: Certificate
    let algorithm: KeyAlgorithm
    let keyLength: Int
    let signatureAlgorithm: SignatureAlgorithm?
    let subjectDN: String
    let issuerDN: String
    let serialNumber: SerialNumber
    let validityPeriod: Int
    let commonName: String?

    /// Reads the facts and applies the rules every upload shares: a supported public key, a
    /// serial of at most 20 bytes, and validity now (NotBefore ≤ now ≤ NotAfter).
    init(_ certificate: Certificate, now: Date, field: String) throws(CoreError) {
        let spec: KeySpec
        let subject: DistinguishedName
        let serial: SerialNumber
        do {
            spec = try certificate.publicKey.spec
            subject = try certificate.subject
            issuerDN = try certificate.issuer.description
            serial = try certificate.serialNumber
        } catch {
            throw .invalidValue(field: field, reason: CertificateFacts.reason(error))
        }
        guard serial.bytes.count <= 20 else {
            throw .invalidValue(field: field, reason: "the serial number is longer than 20 bytes (RFC 5280)")
        }
        guard certificate.notBefore <= now else {
            throw .invalidValue(
                field: field,
                reason: "the certificate is not valid yet (NotBefore \(Self.text(certificate.notBefore)))"
            )
        }
        guard now <= certificate.notAfter else {
            throw .invalidValue(
                field: field,
                reason: "the certificate has expired (NotAfter \(Self.text(certificate.notAfter)))"
            )
        }
        self.certificate = certificate
        algorithm = spec.algorithm
        keyLength = spec.keyLength
        signatureAlgorithm = certificate.signatureAlgorithm
        subjectDN = subject.description
        commonName = subject.commonName
        serialNumber = serial
        validityPeriod = max(1, Int((certificate.notAfter.timeIntervalSince(certificate.notBefore) / 86400).rounded()))
    }

    /// A client-facing sentence for a KeywardCrypto refusal; never carries key bytes.
    static func reason(_ error: CryptoError) -> String {
        switch error {
        case .malformedInput(let format, let reason): "not a valid \(format): \(reason)"
        case .inputTooLarge(let format, let limit): "the \(format) is larger than \(limit) bytes"
        case .encryptedPrivateKey: "the private key is encrypted; upload it without a passphrase"
        case .passwordRequired: "the PKCS#12 file is protected by a password; give it in the password field"
        case .wrongPassword: "the password does not open the PKCS#12 file"
        case .unsupportedAlgorithm(let detail): "unsupported: \(detail)"
        case .keyMismatch: "the private key does not match the certificate"
        case .invalidSignature(let detail): detail
        case .algorithmMismatch(let detail): detail
        case .invalidArgument(_, let reason): reason
        case .untrustedChain(let reason): "the chain does not verify: \(reason)"
        case .authenticationFailed: "the data does not authenticate"
        case .openSSL: "the file could not be processed"
        }
    }

    private static func text(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
