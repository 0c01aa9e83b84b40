import COpenSSL

/// The certificate signature algorithms of the PingOne data model.
public enum SignatureAlgorithm: String, Hashable, Sendable, CaseIterable {
    case sha256WithRSA = "SHA256withRSA"
    case sha384WithRSA = "SHA384withRSA"
    case sha512WithRSA = "SHA512withRSA"
    case sha256WithECDSA = "SHA256withECDSA"
    case sha384WithECDSA = "SHA384withECDSA"
    case sha512WithECDSA = "SHA512withECDSA"

    /// The digest the algorithm signs with.
    public var digest: DigestAlgorithm {
        switch self {
        case .sha256WithRSA, .sha256WithECDSA: .sha256
        case .sha384WithRSA, .sha384WithECDSA: .sha384
        case .sha512WithRSA, .sha512WithECDSA: .sha512
        }
    }

    /// The key family that can produce this signature.
    public var keyAlgorithm: KeyAlgorithm {
        switch self {
        case .sha256WithRSA, .sha384WithRSA, .sha512WithRSA: .rsa
        case .sha256WithECDSA, .sha384WithECDSA, .sha512WithECDSA: .ec
        }
    }

    /// The signing scheme: PKCS#1 v1.5 for RSA, ECDSA for EC.
    public var scheme: SignatureScheme {
        keyAlgorithm == .rsa ? .rsaPKCS1v15(digest) : .ecdsa(digest)
    }

    /// The algorithm of `keyAlgorithm`'s family with `digest`, e.g. (.rsa, .sha384) → SHA384withRSA.
    public init(keyAlgorithm: KeyAlgorithm, digest: DigestAlgorithm) {
        switch (keyAlgorithm, digest) {
        case (.rsa, .sha256): self = .sha256WithRSA
        case (.rsa, .sha384): self = .sha384WithRSA
        case (.rsa, .sha512): self = .sha512WithRSA
        case (.ec, .sha256): self = .sha256WithECDSA
        case (.ec, .sha384): self = .sha384WithECDSA
        case (.ec, .sha512): self = .sha512WithECDSA
        }
    }

    /// Reads the algorithm from its signature NID (e.g. `NID_sha256WithRSAEncryption`).
    init?(nid: Int32) {
        switch nid {
        case NID_sha256WithRSAEncryption: self = .sha256WithRSA
        case NID_sha384WithRSAEncryption: self = .sha384WithRSA
        case NID_sha512WithRSAEncryption: self = .sha512WithRSA
        case NID_ecdsa_with_SHA256: self = .sha256WithECDSA
        case NID_ecdsa_with_SHA384: self = .sha384WithECDSA
        case NID_ecdsa_with_SHA512: self = .sha512WithECDSA
        default: return nil
        }
    }
}

/// The digests Keyward signs and hashes with.
public enum DigestAlgorithm: String, Hashable, Sendable, CaseIterable {
    case sha256 = "SHA256"
    case sha384 = "SHA384"
    case sha512 = "SHA512"

    /// The digest length in bytes.
    public var length: Int {
        switch self {
        case .sha256: 32
        case .sha384: 48
        case .sha512: 64
        }
    }

    /// OpenSSL's built-in `EVP_MD` (static, never freed).
    var messageDigest: OpaquePointer {
        switch self {
        case .sha256: EVP_sha256()
        case .sha384: EVP_sha384()
        case .sha512: EVP_sha512()
        }
    }

    /// The digest of `bytes`.
    public func hash(_ bytes: [UInt8]) throws(CryptoError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: length)
        var outputLength: UInt32 = 0
        try ensure(EVP_Digest(bytes, bytes.count, &output, &outputLength, messageDigest, nil), "EVP_Digest")
        return output
    }
}

/// How a signature is made: the padding or algorithm, and the digest.
public enum SignatureScheme: Hashable, Sendable {
    /// RSASSA-PKCS1-v1_5 (RFC 8017 §8.2).
    case rsaPKCS1v15(DigestAlgorithm)
    /// RSASSA-PSS with MGF1 over the same digest and a salt as long as the digest.
    case rsaPSS(DigestAlgorithm)
    /// ECDSA, signature DER-encoded as `ECDSA-Sig-Value`.
    case ecdsa(DigestAlgorithm)

    /// The digest the scheme uses.
    public var digest: DigestAlgorithm {
        switch self {
        case .rsaPKCS1v15(let digest), .rsaPSS(let digest), .ecdsa(let digest): digest
        }
    }

    /// The key family the scheme needs.
    public var keyAlgorithm: KeyAlgorithm {
        switch self {
        case .rsaPKCS1v15, .rsaPSS: .rsa
        case .ecdsa: .ec
        }
    }
}
