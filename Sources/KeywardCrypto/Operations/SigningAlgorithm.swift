/// The algorithms of the cryptographic operations API (`/signings`, `/verifications`): the data
/// model's names (`SHA256withRSA` … `SHA512withECDSA`, ECDSA signatures DER-encoded as OpenSSL
/// and Java produce them) and the JOSE names of RFC 7518 (`RS*`, `PS*`, `ES*`, ECDSA signatures
/// as the fixed-width `r || s`, each ES* bound to one curve).
public enum SigningAlgorithm: String, Hashable, Sendable, CaseIterable {
    case sha256WithRSA = "SHA256withRSA"
    case sha384WithRSA = "SHA384withRSA"
    case sha512WithRSA = "SHA512withRSA"
    case sha256WithECDSA = "SHA256withECDSA"
    case sha384WithECDSA = "SHA384withECDSA"
    case sha512WithECDSA = "SHA512withECDSA"
    case rs256 = "RS256"
    case rs384 = "RS384"
    case rs512 = "RS512"
    case ps256 = "PS256"
    case ps384 = "PS384"
    case ps512 = "PS512"
    case es256 = "ES256"
    case es384 = "ES384"
    case es512 = "ES512"

    /// The data-model algorithm of `algorithm`'s family (a key's own `signatureAlgorithm`).
    public init(_ algorithm: SignatureAlgorithm) {
        switch algorithm {
        case .sha256WithRSA: self = .sha256WithRSA
        case .sha384WithRSA: self = .sha384WithRSA
        case .sha512WithRSA: self = .sha512WithRSA
        case .sha256WithECDSA: self = .sha256WithECDSA
        case .sha384WithECDSA: self = .sha384WithECDSA
        case .sha512WithECDSA: self = .sha512WithECDSA
        }
    }

    /// The padding or algorithm, and the digest.
    public var scheme: SignatureScheme {
        switch self {
        case .sha256WithRSA, .rs256: .rsaPKCS1v15(.sha256)
        case .sha384WithRSA, .rs384: .rsaPKCS1v15(.sha384)
        case .sha512WithRSA, .rs512: .rsaPKCS1v15(.sha512)
        case .ps256: .rsaPSS(.sha256)
        case .ps384: .rsaPSS(.sha384)
        case .ps512: .rsaPSS(.sha512)
        case .sha256WithECDSA, .es256: .ecdsa(.sha256)
        case .sha384WithECDSA, .es384: .ecdsa(.sha384)
        case .sha512WithECDSA, .es512: .ecdsa(.sha512)
        }
    }

    /// The digest the algorithm signs.
    public var digest: DigestAlgorithm { scheme.digest }

    /// The only curve an ES* algorithm may use (RFC 7518 §3.4); `nil` for every other name.
    public var requiredCurve: KeySpec? {
        switch self {
        case .es256: .p256
        case .es384: .p384
        case .es512: .p521
        default: nil
        }
    }

    /// Whether ECDSA signatures are the raw `r || s` of JOSE rather than DER.
    public var usesRawECDSASignature: Bool { requiredCurve != nil }

    /// Why a key of `spec` cannot use this algorithm, or `nil` when it can: RSA names need an RSA
    /// key, ECDSA names an EC key, and ES* exactly its curve.
    public func refusal(for spec: KeySpec) -> String? {
        if let requiredCurve, spec != requiredCurve {
            return "\(rawValue) needs a \(requiredCurve.curveName ?? "") key, not \(spec.displayName)"
        }
        guard scheme.keyAlgorithm == spec.algorithm else {
            return "\(rawValue) needs an \(scheme.keyAlgorithm.rawValue) key, not \(spec.displayName)"
        }
        return nil
    }
}

extension KeySpec {
    /// `RSA-2048` or the curve name (`P-256`), for messages.
    public var displayName: String { curveName ?? "RSA-\(keyLength)" }
}
