import KeywardCrypto

/// The forms in which a key's or certificate's public certificate can be exported.
public enum CertificateExportFormat: Sendable, CaseIterable {
    /// The certificate alone, PEM (`application/x-x509-ca-cert`, as PingOne answers it).
    case pem
    /// The certificate alone, DER (`application/pkix-cert`).
    case der
    /// The certificate followed by its trust chain, a certs-only PKCS#7 in DER
    /// (`application/x-pkcs7-certificates`).
    case pkcs7

    /// The form's name in event descriptions.
    public var name: String {
        switch self {
        case .pem: "PEM"
        case .der: "DER"
        case .pkcs7: "PKCS#7 with its chain"
        }
    }
}

/// Encodes a certificate with its chain in one of the export forms.
public enum CertificateExport {
    /// The bytes of `certificateDER` (and, for PKCS#7, the PEM certificates of `trustChain`) in `format`.
    public static func encode(
        certificateDER: [UInt8],
        trustChain: [String],
        as format: CertificateExportFormat
    ) throws(CoreError) -> [UInt8] {
        try StoreAccess.translate { () throws -> [UInt8] in
            let certificate = try Certificate(parsing: certificateDER)
            switch format {
            case .pem:
                return Array(try certificate.pemRepresentation().utf8)
            case .der:
                return certificateDER
            case .pkcs7:
                let chain = try trustChain.flatMap { try Certificate.parseChain(Array($0.utf8)) }
                return try PKCS7Chain.der([certificate] + chain)
            }
        }
    }
}
