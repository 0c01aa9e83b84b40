import COpenSSL

/// Converts ECDSA signatures between OpenSSL's DER `ECDSA-Sig-Value` and JWS's fixed-width
/// `r || s` (RFC 7518 §3.4), with OpenSSL's `ECDSA_SIG` and `BIGNUM` doing all the encoding.
enum ECDSASignatureCoding {
    /// `r || s`, each left-padded to `width` bytes (the curve's field size).
    static func raw(fromDER der: [UInt8], width: Int) throws(CryptoError) -> [UInt8] {
        let signature = try derDecode(
            der,
            format: "ECDSA signature",
            free: { ECDSA_SIG_free($0) },
            decode: { cursor, length in d2i_ECDSA_SIG(nil, cursor, length) }
        )
        defer { ECDSA_SIG_free(signature) }
        var r: OpaquePointer?
        var s: OpaquePointer?
        ECDSA_SIG_get0(signature, &r, &s)
        var output = [UInt8](repeating: 0, count: 2 * width)
        let written = output.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return BN_bn2binpad(r, base, Int32(width)) == Int32(width)
                && BN_bn2binpad(s, base + width, Int32(width)) == Int32(width)
        }
        guard written else { throw .openSSL(call: "BN_bn2binpad", queue: drainErrorQueue()) }
        return output
    }

    /// The DER `ECDSA-Sig-Value` of `r || s`; the caller has checked that the length is even.
    static func der(fromRaw raw: [UInt8]) throws(CryptoError) -> [UInt8] {
        let width = raw.count / 2
        let r = try ensure(BN_bin2bn(raw, Int32(width), nil), "BN_bin2bn")
        let s: OpaquePointer
        do {
            s = try raw.withUnsafeBufferPointer { (buffer) throws(CryptoError) -> OpaquePointer in
                try ensure(BN_bin2bn(buffer.baseAddress.map { $0 + width }, Int32(width), nil), "BN_bin2bn")
            }
        } catch {
            BN_free(r)
            throw error
        }
        guard let signature = ECDSA_SIG_new() else {
            BN_free(r)
            BN_free(s)
            throw .openSSL(call: "ECDSA_SIG_new", queue: drainErrorQueue())
        }
        defer { ECDSA_SIG_free(signature) }
        guard ECDSA_SIG_set0(signature, r, s) == 1 else {
            BN_free(r)
            BN_free(s)
            throw .openSSL(call: "ECDSA_SIG_set0", queue: drainErrorQueue())
        }
        return try derEncode("i2d_ECDSA_SIG") { i2d_ECDSA_SIG(signature, $0) }
    }
}
