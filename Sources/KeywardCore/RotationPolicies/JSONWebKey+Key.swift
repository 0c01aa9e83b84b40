import KeywardCrypto

extension JSONWebKey {
    /// The public JWK of a signing key: `kid` = key id, `use` = `sig`, its JWS `alg`, and `x5c`
    /// with the key's certificate and trust chain.
    init(verifying key: Key) throws(CoreError) {
        self = try StoreAccess.translate { () throws -> JSONWebKey in
            let certificate = try Certificate(parsing: key.certificateDER)
            let publicKey = try certificate.publicKey
            let chain = try key.trustChain.flatMap { try Certificate.parseChain(Array($0.utf8)) }
            return try JSONWebKey(
                publicKey: publicKey,
                kid: key.id.lowercaseString,
                use: "sig",
                alg: JWSAlgorithm(for: publicKey.spec)?.rawValue,
                certificates: [certificate] + chain
            )
        }
    }
}
