#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A worker application: an API client that gets access tokens with OAuth 2.0
/// `client_credentials`. Its `id` is the OAuth `client_id`, as in PingOne.
///
/// The secret itself is never stored: `secretHash` is a salted PBKDF2 hash
/// (`KeywardCrypto.SecretHash`), so the database alone does not let anyone authenticate.
public struct Application: Hashable, Sendable {
    public var id: UUID
    public var environmentID: UUID
    public var name: String
    public var enabled: Bool
    public var tokenEndpointAuthMethod: TokenEndpointAuthMethod
    public var secretHash: String
    public var createdAt: Date
    public var updatedAt: Date
    public var description: String?
    /// Members of PingOne's application object that Keyward accepts and echoes without using
    /// them (`grantTypes`, `accessControl`, the OIDC defaults Terraform sends), as a JSON object.
    public var attributesJSON: String?
    /// The hash of the secret before the last rotation, still accepted until
    /// `previousSecretExpiresAt` when the rotation asked for a grace period.
    public var previousSecretHash: String?
    public var previousSecretExpiresAt: Date?

    public init(
        id: UUID,
        environmentID: UUID,
        name: String,
        enabled: Bool = true,
        tokenEndpointAuthMethod: TokenEndpointAuthMethod = .clientSecretBasic,
        secretHash: String,
        createdAt: Date,
        updatedAt: Date,
        description: String? = nil,
        attributesJSON: String? = nil,
        previousSecretHash: String? = nil,
        previousSecretExpiresAt: Date? = nil
    ) {
        self.id = id
        self.environmentID = environmentID
        self.name = name
        self.enabled = enabled
        self.tokenEndpointAuthMethod = tokenEndpointAuthMethod
        self.secretHash = secretHash
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.description = description
        self.attributesJSON = attributesJSON
        self.previousSecretHash = previousSecretHash
        self.previousSecretExpiresAt = previousSecretExpiresAt
    }

    /// The previous secret's expiry, if it is still accepted at `now`.
    public func previousSecretExpiry(at now: Date) -> Date? {
        guard previousSecretHash != nil, let expiry = previousSecretExpiresAt, expiry > now else { return nil }
        return expiry
    }
}

/// How a client proves its secret at the token endpoint (PingOne's `tokenEndpointAuthMethod`).
///
/// Keyward accepts both secret methods for every client, as Go's `clientcredentials` package
/// tries Basic first and falls back to form fields; the recorded value is echoed for clients.
public enum TokenEndpointAuthMethod: String, Hashable, Sendable, CaseIterable {
    case clientSecretBasic = "CLIENT_SECRET_BASIC"
    case clientSecretPost = "CLIENT_SECRET_POST"
}
