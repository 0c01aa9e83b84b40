/// A compact JWS (RFC 7515 §7.1): `base64url(header).base64url(payload).base64url(signature)`.
///
/// The header and payload are JSON bytes that the caller builds and reads; this type only
/// encodes, signs and checks. ES* signatures are the fixed-width `r || s` of RFC 7518 §3.4,
/// converted from and to OpenSSL's DER by OpenSSL.
public struct CompactJWS: Sendable {
    /// The decoded protected header.
    public let headerJSON: [UInt8]
    /// The decoded payload.
    public let payloadJSON: [UInt8]
    /// The ASCII bytes `base64url(header).base64url(payload)`, exactly as they came in the token.
    public let signingInput: [UInt8]
    /// The raw signature: PKCS#1 v1.5 bytes for RS*, `r || s` for ES*.
    public let signature: [UInt8]

    /// The longest token accepted: 16 KiB.
    static let maximumLength = 16 * 1024

    /// Parses `a.b.c`; anything else throws `malformedInput(format: "JWS", reason:)`: a part count
    /// other than three, an empty part, text that is not base64url, or more than 16 KiB.
    public init(parsing token: String) throws(CryptoError) {
        guard token.utf8.count <= Self.maximumLength else {
            throw .malformedInput(format: "JWS", reason: "longer than \(Self.maximumLength) bytes")
        }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw .malformedInput(format: "JWS", reason: "has \(parts.count) parts, not 3")
        }
        var decoded: [[UInt8]] = []
        for (index, part) in parts.enumerated() {
            let name = ["header", "payload", "signature"][index]
            guard !part.isEmpty else { throw .malformedInput(format: "JWS", reason: "the \(name) is empty") }
            guard let bytes = Base64URL.decode(part), !bytes.isEmpty else {
                throw .malformedInput(format: "JWS", reason: "the \(name) is not base64url")
            }
            decoded.append(bytes)
        }
        headerJSON = decoded[0]
        payloadJSON = decoded[1]
        signature = decoded[2]
        signingInput = Array(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
    }

    /// Signs `headerJSON` and `payloadJSON` and returns the compact serialization.
    ///
    /// Throws `algorithmMismatch` when the key cannot use `algorithm` (an EC key with RS*, or an
    /// ES* algorithm on another curve than its own).
    public static func sign(
        headerJSON: [UInt8],
        payloadJSON: [UInt8],
        with key: PrivateKey,
        algorithm: JWSAlgorithm
    ) throws(CryptoError) -> String {
        guard algorithm.accepts(key.spec) else {
            throw .algorithmMismatch("\(algorithm.rawValue) cannot be used with a \(key.spec) key")
        }
        let signingInput = Base64URL.encode(headerJSON) + "." + Base64URL.encode(payloadJSON)
        var signature = try key.sign(Array(signingInput.utf8), scheme: algorithm.signatureScheme)
        if algorithm.requiredCurve != nil {
            signature = try ECDSASignatureCoding.raw(fromDER: signature, width: key.spec.coordinateWidth)
        }
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// True only if the signature verifies with `key` under `algorithm`. A key that cannot use
    /// the algorithm, or an ES* signature that is not exactly `2 × field size` bytes, is false.
    public func isValid(with key: PublicKey, algorithm: JWSAlgorithm) -> Bool {
        guard algorithm.accepts(key.spec) else { return false }
        var signature = self.signature
        if algorithm.requiredCurve != nil {
            guard signature.count == 2 * key.spec.coordinateWidth,
                let der = try? ECDSASignatureCoding.der(fromRaw: signature)
            else { return false }
            signature = der
        }
        let valid = try? key.isValidSignature(signature, for: signingInput, scheme: algorithm.signatureScheme)
        return valid == true
    }
}

extension KeySpec {
    /// Bytes of one EC coordinate or ECDSA scalar (the field size rounded up): 28, 32, 48, 66.
    /// Not meaningful for RSA.
    var coordinateWidth: Int { (keyLength + 7) / 8 }
}
