/// The key types Keyward generates and accepts: the PingOne `algorithm` + `keyLength` pairs.
public enum KeySpec: Hashable, Sendable, CaseIterable {
    case rsa2048, rsa3072, rsa4096, rsa7680
    case p224, p256, p384, p521

    /// The PingOne `algorithm` value: `RSA` or `EC`.
    public var algorithm: KeyAlgorithm {
        switch self {
        case .rsa2048, .rsa3072, .rsa4096, .rsa7680: .rsa
        case .p224, .p256, .p384, .p521: .ec
        }
    }

    /// The PingOne `keyLength`: modulus bits for RSA, field size for EC.
    public var keyLength: Int {
        switch self {
        case .rsa2048: 2048
        case .rsa3072: 3072
        case .rsa4096: 4096
        case .rsa7680: 7680
        case .p224: 224
        case .p256: 256
        case .p384: 384
        case .p521: 521
        }
    }

    /// The OpenSSL group name of an EC spec (e.g. "P-256"), `nil` for RSA.
    public var curveName: String? {
        switch self {
        case .p224: "P-224"
        case .p256: "P-256"
        case .p384: "P-384"
        case .p521: "P-521"
        case .rsa2048, .rsa3072, .rsa4096, .rsa7680: nil
        }
    }

    /// The spec for a PingOne `algorithm` and `keyLength`, or `nil` if the pair is not allowed.
    public init?(algorithm: KeyAlgorithm, keyLength: Int) {
        guard let spec = KeySpec.allCases.first(where: { $0.algorithm == algorithm && $0.keyLength == keyLength })
        else { return nil }
        self = spec
    }
}

/// The family of a key pair, spelled as PingOne's `algorithm` field.
public enum KeyAlgorithm: String, Hashable, Sendable, CaseIterable {
    case rsa = "RSA"
    case ec = "EC"
}

extension KeySpec {
    /// The spec's short name in configuration: `rsa2048` … `rsa7680`, `p224` … `p521`.
    public var poolName: String {
        switch algorithm {
        case .rsa: "rsa\(keyLength)"
        case .ec: "p\(keyLength)"
        }
    }
}
