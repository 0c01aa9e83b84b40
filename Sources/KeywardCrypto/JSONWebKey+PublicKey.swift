extension JSONWebKey {
    /// The EC curves a JWK may name, with OpenSSL's group name for each.
    private static let curves: [String: (spec: KeySpec, groupName: StaticString)] = [
        "P-224": (.p224, "P-224"), "P-256": (.p256, "P-256"), "P-384": (.p384, "P-384"), "P-521": (.p521, "P-521"),
    ]

    /// The OpenSSL public key these members describe, for verification: RSA from `n`/`e`, EC from
    /// `crv`/`x`/`y`, built with `EVP_PKEY_fromdata` and checked with OpenSSL's public-key check.
    ///
    /// Missing or undecodable members, coordinates that are not exactly the field size and points
    /// off the curve throw `malformedInput(format: "JWK", …)`; another `kty` or `crv`, or an RSA
    /// size Keyward does not support, throws `unsupportedAlgorithm`. `x5c` is not consulted.
    public func publicKey() throws(CryptoError) -> PublicKey {
        switch kty {
        case "RSA":
            let modulus = try Self.member("n", n)
            let exponent = try Self.member("e", e)
            return try KeyParameters.rsaPublicKey(modulus: modulus, exponent: exponent)
        case "EC":
            guard let crv else { throw .malformedInput(format: "JWK", reason: "the member \"crv\" is missing") }
            guard let curve = Self.curves[crv] else {
                throw .unsupportedAlgorithm("JWK curve \(crv) (allowed: P-224, P-256, P-384, P-521)")
            }
            let width = curve.spec.coordinateWidth
            let xBytes = try Self.member("x", x)
            let yBytes = try Self.member("y", y)
            guard xBytes.count == width, yBytes.count == width else {
                throw .malformedInput(format: "JWK", reason: "x and y must be \(width) bytes each for \(crv)")
            }
            // SEC 1 §2.3.3 uncompressed point, the octet string OpenSSL's "pub" parameter takes.
            return try KeyParameters.ecPublicKey(curve: curve.groupName, point: [0x04] + xBytes + yBytes)
        default:
            throw .unsupportedAlgorithm("JWK key type \(kty) (allowed: RSA, EC)")
        }
    }

    /// The bytes of a required base64url member.
    private static func member(_ name: String, _ value: String?) throws(CryptoError) -> [UInt8] {
        guard let value else { throw .malformedInput(format: "JWK", reason: "the member \"\(name)\" is missing") }
        guard let bytes = Base64URL.decode(value), !bytes.isEmpty else {
            throw .malformedInput(format: "JWK", reason: "the member \"\(name)\" is not base64url")
        }
        return bytes
    }
}
