import KeywardCrypto

/// The certificate profile a key's usage type calls for.
///
/// SIGNING: digitalSignature. ENCRYPTION: keyEncipherment + dataEncipherment (RSA) or
/// keyAgreement (EC). ISSUANCE: a CA (keyCertSign, cRLSign). SSL/TLS: digitalSignature
/// (+ keyEncipherment for RSA), serverAuth. OUTBOUND_MTLS: digitalSignature, clientAuth.
enum KeyProfiles {
    static func profile(for usage: UsageType, algorithm: KeyAlgorithm, selfSigned: Bool) -> CertificateProfile {
        switch usage {
        case .signing:
            return .endEntity(keyUsage: [.digitalSignature])
        case .encryption:
            return .endEntity(keyUsage: algorithm == .rsa ? [.keyEncipherment, .dataEncipherment] : [.keyAgreement])
        case .issuance:
            return .certificateAuthority(pathLength: selfSigned ? nil : 0)
        case .sslTLS:
            let usage: KeyUsage = algorithm == .rsa ? [.digitalSignature, .keyEncipherment] : [.digitalSignature]
            return .endEntity(keyUsage: usage, extendedKeyUsage: [.serverAuth])
        case .outboundMTLS:
            return .endEntity(keyUsage: [.digitalSignature], extendedKeyUsage: [.clientAuth])
        }
    }
}
