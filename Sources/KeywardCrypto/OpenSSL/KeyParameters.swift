import COpenSSL

/// Reads the numbers of a public key from OpenSSL, and builds a public key from numbers with
/// `EVP_PKEY_fromdata`, for JWK.
///
/// Parameter names are `StaticString`s: `OSSL_PARAM_BLD` keeps the name and data pointers it
/// is given until `OSSL_PARAM_BLD_to_param`, as the encoder contexts do.
enum KeyParameters {
    /// The unsigned big-endian bytes of a `BIGNUM` parameter (e.g. "n", "e", "qx"), minimal or
    /// left-padded to `width` bytes.
    static func unsignedBytes(
        of pkey: OpaquePointer,
        _ name: StaticString,
        paddedTo width: Int? = nil
    ) throws(CryptoError) -> [UInt8] {
        var number: OpaquePointer?
        try ensure(EVP_PKEY_get_bn_param(pkey, name.cString, &number), "EVP_PKEY_get_bn_param(\(name))")
        guard let number else { throw .openSSL(call: "EVP_PKEY_get_bn_param(\(name))", queue: drainErrorQueue()) }
        defer { BN_free(number) }
        let minimal = (Int(BN_num_bits(number)) + 7) / 8
        let length = width ?? minimal
        guard minimal <= length else { throw .openSSL(call: "BN_bn2binpad(\(name))", queue: drainErrorQueue()) }
        var bytes = [UInt8](repeating: 0, count: length)
        guard BN_bn2binpad(number, &bytes, Int32(length)) == Int32(length) else {
            throw .openSSL(call: "BN_bn2binpad(\(name))", queue: drainErrorQueue())
        }
        return bytes
    }

    /// An RSA public key from its modulus and public exponent (unsigned big-endian).
    static func rsaPublicKey(modulus: [UInt8], exponent: [UInt8]) throws(CryptoError) -> PublicKey {
        let builder = try ensure(OSSL_PARAM_BLD_new(), "OSSL_PARAM_BLD_new")
        defer { OSSL_PARAM_BLD_free(builder) }
        let n = try ensure(BN_bin2bn(modulus, Int32(modulus.count), nil), "BN_bin2bn")
        defer { BN_free(n) }
        let e = try ensure(BN_bin2bn(exponent, Int32(exponent.count), nil), "BN_bin2bn")
        defer { BN_free(e) }
        let nName: StaticString = "n"
        let eName: StaticString = "e"
        try ensure(OSSL_PARAM_BLD_push_BN(builder, nName.cString, n), "OSSL_PARAM_BLD_push_BN(n)")
        try ensure(OSSL_PARAM_BLD_push_BN(builder, eName.cString, e), "OSSL_PARAM_BLD_push_BN(e)")
        let parameters = try ensure(OSSL_PARAM_BLD_to_param(builder), "OSSL_PARAM_BLD_to_param")
        defer { OSSL_PARAM_free(parameters) }
        return try publicKey(type: "RSA", parameters: parameters)
    }

    /// An EC public key on the named `curve` from its uncompressed point `04 || x || y`.
    static func ecPublicKey(curve: StaticString, point: [UInt8]) throws(CryptoError) -> PublicKey {
        let builder = try ensure(OSSL_PARAM_BLD_new(), "OSSL_PARAM_BLD_new")
        defer { OSSL_PARAM_BLD_free(builder) }
        let groupName: StaticString = "group"
        let pointName: StaticString = "pub"
        try ensure(
            OSSL_PARAM_BLD_push_utf8_string(builder, groupName.cString, curve.cString, 0),
            "OSSL_PARAM_BLD_push_utf8_string(group)"
        )
        let parameters = try point.withUnsafeBufferPointer {
            (buffer) throws(CryptoError) -> UnsafeMutablePointer<OSSL_PARAM> in
            try ensure(
                OSSL_PARAM_BLD_push_octet_string(builder, pointName.cString, buffer.baseAddress, buffer.count),
                "OSSL_PARAM_BLD_push_octet_string(pub)"
            )
            // The builder copies the point here, while `buffer` is still valid.
            return try ensure(OSSL_PARAM_BLD_to_param(builder), "OSSL_PARAM_BLD_to_param")
        }
        defer { OSSL_PARAM_free(parameters) }
        return try publicKey(type: "EC", parameters: parameters)
    }

    /// Runs `EVP_PKEY_fromdata` and OpenSSL's public-key check; numbers OpenSSL refuses (a point
    /// off the curve, an even modulus) are `malformedInput`.
    private static func publicKey(
        type: StaticString,
        parameters: UnsafeMutablePointer<OSSL_PARAM>
    ) throws(CryptoError) -> PublicKey {
        let context = try ensure(EVP_PKEY_CTX_new_from_name(nil, type.cString, nil), "EVP_PKEY_CTX_new_from_name")
        defer { EVP_PKEY_CTX_free(context) }
        try ensure(EVP_PKEY_fromdata_init(context), "EVP_PKEY_fromdata_init")
        var pkey: OpaquePointer?
        guard EVP_PKEY_fromdata(context, &pkey, KeyDecoder.publicKey, parameters) == 1, let pkey else {
            clearErrorQueue()
            throw .malformedInput(format: "JWK", reason: "OpenSSL refuses the key's numbers")
        }
        let key = try PublicKey(takingOwnershipOf: pkey)
        let checkContext = try ensure(EVP_PKEY_CTX_new_from_pkey(nil, pkey, nil), "EVP_PKEY_CTX_new_from_pkey")
        defer { EVP_PKEY_CTX_free(checkContext) }
        guard EVP_PKEY_public_check(checkContext) == 1 else {
            clearErrorQueue()
            throw .malformedInput(format: "JWK", reason: "the public key fails OpenSSL's public-key check")
        }
        return key
    }
}
