extension PrivateKey {
    /// Signs a precomputed `digest` with `algorithm`: DER ECDSA for the data-model names, raw
    /// `r || s` for ES*. Throws `algorithmMismatch` when the key cannot use the algorithm and
    /// `invalidArgument(name: "digest")` when the digest has the wrong length.
    public func sign(digest: [UInt8], algorithm: SigningAlgorithm) throws(CryptoError) -> [UInt8] {
        if let refusal = algorithm.refusal(for: spec) { throw .algorithmMismatch(refusal) }
        let signature = try sign(digest: digest, scheme: algorithm.scheme)
        guard algorithm.usesRawECDSASignature else { return signature }
        return try ECDSASignatureCoding.raw(fromDER: signature, width: spec.coordinateWidth)
    }
}

extension PublicKey {
    /// True when `signature` is valid for the precomputed `digest` under `algorithm`. Anything
    /// malformed (wrong length, bad DER, out-of-range values) is simply false; only a key that
    /// cannot use the algorithm throws `algorithmMismatch`.
    public func isValidSignature(_ signature: [UInt8], digest: [UInt8], algorithm: SigningAlgorithm)
        throws(CryptoError) -> Bool
    {
        if let refusal = algorithm.refusal(for: spec) { throw .algorithmMismatch(refusal) }
        var signature = signature
        if algorithm.usesRawECDSASignature {
            guard signature.count == 2 * spec.coordinateWidth,
                let der = try? ECDSASignatureCoding.der(fromRaw: signature)
            else { return false }
            signature = der
        }
        return try isValidSignature(signature, digest: digest, scheme: algorithm.scheme)
    }
}
