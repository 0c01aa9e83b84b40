/// How access tokens are named and how long they live.
///
/// `issuerBase` is the public URL clients reach Keyward at (e.g. `https://keyward.example.com`);
/// a token of environment E has `iss` = `<issuerBase>/E/as`, as PingOne's
/// `https://auth.pingone.com/E/as`, and `aud` = [`audience`].
public struct TokenSettings: Sendable {
    public var issuerBase: String
    public var audience: String
    /// Seconds a token is valid: one hour, as PingOne's.
    public var lifetime: Int
    /// Seconds of clock difference tolerated on `iat` and `exp`.
    public var leeway: Int

    public init(issuerBase: String, audience: String? = nil, lifetime: Int = 3600, leeway: Int = 60) {
        let base = issuerBase.hasSuffix("/") ? String(issuerBase.dropLast()) : issuerBase
        self.issuerBase = base
        self.audience = audience ?? base
        self.lifetime = lifetime
        self.leeway = leeway
    }

    /// The `iss` of tokens issued in `environmentID` (lower-case UUID).
    public func issuer(environmentID: String) -> String {
        "\(issuerBase)/\(environmentID)/as"
    }
}
