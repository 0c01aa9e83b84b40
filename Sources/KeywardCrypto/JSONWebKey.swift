#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A JSON Web Key (RFC 7517, members of RFC 7518 §6) for an RSA or EC public key, as one member
/// of a JWKS. `Codable` with the RFC's member names; absent members are left out (never `null`).
///
/// P-224 keys get `"crv": "P-224"`, which is not a registered JWK curve name: it is emitted so
/// that every Keyward key has a JWK, but other JOSE libraries will not read it (and P-224 has no
/// JWS algorithm, see `JWSAlgorithm(for:)`).
public struct JSONWebKey: Codable, Hashable, Sendable {
    /// Key type: "RSA" or "EC".
    public var kty: String
    /// Key id, to pick the key out of a JWKS.
    public var kid: String?
    /// Public key use: "sig" or "enc".
    public var use: String?
    /// The JWS algorithm the key is meant for, e.g. "RS256".
    public var alg: String?
    /// RSA modulus: base64url, unsigned big-endian, no leading zero bytes.
    public var n: String?
    /// RSA public exponent, encoded like `n` ("AQAB" for 65537).
    public var e: String?
    /// EC curve: "P-256", "P-384", "P-521" (or the unregistered "P-224").
    public var crv: String?
    /// EC x coordinate: base64url, big-endian, padded to the field size.
    public var x: String?
    /// EC y coordinate, encoded like `x`.
    public var y: String?
    /// base64url SHA-1 thumbprint of the DER of the first certificate in `x5c`.
    public var x5t: String?
    /// The certificate chain, leaf first: standard base64 (not base64url) DER, RFC 7517 §4.7.
    public var x5c: [String]?

    /// Builds the members of `publicKey` from OpenSSL's key parameters.
    ///
    /// With `certificates`, sets `x5c` (leaf first) and `x5t` (the leaf's SHA-1 thumbprint); the
    /// leaf must carry `publicKey` (RFC 7517 §4.7), or this throws `keyMismatch`.
    public init(
        publicKey: PublicKey,
        kid: String? = nil,
        use: String? = nil,
        alg: String? = nil,
        certificates: [Certificate] = []
    ) throws(CryptoError) {
        kty = publicKey.spec.algorithm.rawValue
        self.kid = kid
        self.use = use
        self.alg = alg
        if let curve = publicKey.spec.curveName {
            let width = publicKey.spec.coordinateWidth
            crv = curve
            x = Base64URL.encode(try KeyParameters.unsignedBytes(of: publicKey.pkey, "qx", paddedTo: width))
            y = Base64URL.encode(try KeyParameters.unsignedBytes(of: publicKey.pkey, "qy", paddedTo: width))
        } else {
            n = Base64URL.encode(try KeyParameters.unsignedBytes(of: publicKey.pkey, "n"))
            e = Base64URL.encode(try KeyParameters.unsignedBytes(of: publicKey.pkey, "e"))
        }
        if let leaf = certificates.first {
            guard try leaf.publicKey == publicKey else { throw .keyMismatch }
            var chain: [String] = []
            for certificate in certificates {
                chain.append(Data(try certificate.derRepresentation()).base64EncodedString())
            }
            x5c = chain
            x5t = Base64URL.encode(try SHA1.hash(leaf.derRepresentation()))
        }
    }
}
