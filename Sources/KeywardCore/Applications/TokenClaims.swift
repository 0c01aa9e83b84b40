/// The JOSE header of a Keyward access token.
struct TokenHeader: Codable {
    var alg: String
    var kid: String
    var typ: String?
}

/// The claims of a Keyward access token: PingOne's worker-token claims (`client_id`, `iss`,
/// `aud`, `iat`, `exp`, `env`, `org`) plus a `jti`. Times are seconds since 1970.
struct TokenClaims: Codable {
    var clientID: String
    var issuer: String
    var audience: [String]
    var issuedAt: Int
    var expiresAt: Int
    var environmentID: String
    var organizationID: String
    var tokenID: String?

    enum CodingKeys: String, CodingKey {
        case clientID = "client_id"
        case issuer = "iss"
        case audience = "aud"
        case issuedAt = "iat"
        case expiresAt = "exp"
        case environmentID = "env"
        case organizationID = "org"
        case tokenID = "jti"
    }

    init(
        clientID: String,
        issuer: String,
        audience: [String],
        issuedAt: Int,
        expiresAt: Int,
        environmentID: String,
        organizationID: String,
        tokenID: String
    ) {
        self.clientID = clientID
        self.issuer = issuer
        self.audience = audience
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.environmentID = environmentID
        self.organizationID = organizationID
        self.tokenID = tokenID
    }

    /// Reads the claims; `aud` may be one string or an array (RFC 7519 §4.1.3).
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        clientID = try container.decode(String.self, forKey: .clientID)
        issuer = try container.decode(String.self, forKey: .issuer)
        if let single = try? container.decode(String.self, forKey: .audience) {
            audience = [single]
        } else {
            audience = try container.decode([String].self, forKey: .audience)
        }
        issuedAt = try container.decode(Int.self, forKey: .issuedAt)
        expiresAt = try container.decode(Int.self, forKey: .expiresAt)
        environmentID = try container.decode(String.self, forKey: .environmentID)
        organizationID = try container.decode(String.self, forKey: .organizationID)
        tokenID = try container.decodeIfPresent(String.self, forKey: .tokenID)
    }
}
