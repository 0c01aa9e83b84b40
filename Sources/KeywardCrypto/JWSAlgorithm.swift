/// JWS algorithms for compact JWS (RFC 7518 §3): RSASSA-PKCS1-v1_5 and ECDSA with SHA-2.
public enum JWSAlgorithm: String, Sendable, CaseIterable {
    case rs256 = "RS256"
    case rs384 = "RS384"
    case rs512 = "RS512"
    case es256 = "ES256"
    case es384 = "ES384"
    case es512 = "ES512"
}

extension JWSAlgorithm {
    /// The algorithm a key signs JWTs with: RSA → RS256; EC P-256 → ES256, P-384 → ES384,
    /// P-521 → ES512. P-224 has no registered JWS algorithm, so it gives `nil`.
    public init?(for spec: KeySpec) {
        switch spec {
        case .rsa2048, .rsa3072, .rsa4096, .rsa7680: self = .rs256
        case .p256: self = .es256
        case .p384: self = .es384
        case .p521: self = .es512
        case .p224: return nil
        }
    }

    /// The signing scheme: PKCS#1 v1.5 for RS*, ECDSA for ES*, each with the algorithm's digest.
    public var signatureScheme: SignatureScheme {
        switch self {
        case .rs256: .rsaPKCS1v15(.sha256)
        case .rs384: .rsaPKCS1v15(.sha384)
        case .rs512: .rsaPKCS1v15(.sha512)
        case .es256: .ecdsa(.sha256)
        case .es384: .ecdsa(.sha384)
        case .es512: .ecdsa(.sha512)
        }
    }

    /// The only curve an ES* algorithm may use (RFC 7518 §3.4); `nil` for RS*.
    var requiredCurve: KeySpec? {
        switch self {
        case .rs256, .rs384, .rs512: nil
        case .es256: .p256
        case .es384: .p384
        case .es512: .p521
        }
    }

    /// True when a key of `spec` may sign or verify with this algorithm: any RSA size for RS*,
    /// exactly the algorithm's curve for ES*.
    func accepts(_ spec: KeySpec) -> Bool {
        if let requiredCurve { return spec == requiredCurve }
        return spec.algorithm == .rsa
    }
}
