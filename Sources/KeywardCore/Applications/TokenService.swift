import KeywardCrypto
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Issues and checks OAuth 2.0 access tokens: JWTs signed RS256 with the current key of the
/// environment's default key rotation policy, `kid` = that key's id.
///
/// A token is accepted when its signature verifies with a key of one of the environment's
/// rotation policies (current, next, or previous until it retires) that is neither expired nor
/// revoked, and its `iss`, `aud`, `iat` and `exp` are right. No other key can mint tokens, so
/// signing through the cryptographic operations API never yields a token. Verified tokens are
/// remembered for at most `cacheSeconds` (and never past `exp`), so a busy client costs one
/// dictionary lookup per request; deleting a policy's key takes effect within that time.
public final class TokenService: Sendable {
    let store: any Store
    let clock: any Clock
    public let settings: TokenSettings
    let applications: ApplicationService
    /// The rotation policies whose keys sign and verify tokens.
    public let rotationPolicies: RotationPolicyService
    private let cache = Mutex<[String: CachedPrincipal]>([:])

    /// How long a verified token is remembered.
    public static let cacheSeconds = 60
    /// At most this many tokens are remembered; the cache is emptied when full.
    public static let cacheCapacity = 10_000
    /// A longer bearer token is refused before it is parsed.
    public static let maximumTokenLength = 8 * 1024

    private struct CachedPrincipal {
        let principal: Principal
        let validUntil: Date
    }

    public init(
        store: any Store,
        clock: any Clock = SystemClock(),
        settings: TokenSettings,
        applications: ApplicationService,
        rotationPolicies: RotationPolicyService? = nil
    ) {
        self.store = store
        self.clock = clock
        self.settings = settings
        self.applications = applications
        self.rotationPolicies =
            rotationPolicies
            ?? RotationPolicyService(
                store: store,
                clock: clock,
                schedule: RotationSchedule(tokenLifetime: settings.lifetime, leeway: settings.leeway)
            )
    }

    /// What the token endpoint answers: the token and its lifetime in seconds.
    public struct IssuedToken: Sendable {
        public var accessToken: String
        public var expiresIn: Int
    }

    /// Authenticates the client and issues a token for it (`client_credentials`).
    public func issue(clientID: String, secret: String, in environmentID: UUID) throws(CoreError) -> IssuedToken {
        let application: Application
        do {
            application = try applications.authenticate(clientID: clientID, secret: secret, in: environmentID)
        } catch {
            try recordFailedAuthentication(clientID: clientID, in: environmentID, error)
            throw error
        }
        let environment = try StoreAccess.read(store) { reader in try reader.requireEnvironment(environmentID) }
        let (key, privateKey) = try rotationPolicies.tokenSigner(in: environmentID)
        let now = clock.now
        guard [.valid, .expiring].contains(key.status(at: now)) else {
            throw .conflict(
                reason: "the current key of the default key rotation policy is \(key.status(at: now).rawValue)"
            )
        }
        guard let algorithm = JWSAlgorithm(for: privateKey.spec) else {
            throw .conflict(reason: "the current key of the default key rotation policy cannot sign tokens")
        }
        let issuedAt = Int(now.timeIntervalSince1970)
        let header = TokenHeader(alg: algorithm.rawValue, kid: key.id.lowercaseString, typ: "JWT")
        let claims = TokenClaims(
            clientID: application.id.lowercaseString,
            issuer: settings.issuer(environmentID: environmentID.lowercaseString),
            audience: [settings.audience],
            issuedAt: issuedAt,
            expiresAt: issuedAt + settings.lifetime,
            environmentID: environmentID.lowercaseString,
            organizationID: environment.organizationID.lowercaseString,
            tokenID: UUID().lowercaseString
        )
        let token = try StoreAccess.translate { () throws -> String in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return try CompactJWS.sign(
                headerJSON: Array(try encoder.encode(header)),
                payloadJSON: Array(try encoder.encode(claims)),
                with: privateKey,
                algorithm: algorithm
            )
        }
        // The event commits before the token leaves: no event, no token. It names the token by
        // its lifetime only, never by its value.
        try StoreAccess.write(store) { writer in
            try AuditLog.record(
                .accessTokenIssued,
                .application(application),
                .success("Issued an access token to Application \(application.name) for \(settings.lifetime) s"),
                environmentID: environmentID,
                organizationID: environment.organizationID,
                at: clock.nowToTheMillisecond,
                actor: Principal(
                    clientID: application.id,
                    environmentID: environmentID,
                    organizationID: environment.organizationID
                ),
                in: writer
            )
        }
        return IssuedToken(accessToken: token, expiresIn: settings.lifetime)
    }

    /// Writes `CLIENT_AUTHENTICATION.FAILED` in its own transaction. The actor and resource are
    /// the application only when `clientID` names one of the environment's (a guessed id is not
    /// echoed); nothing is written for an environment that does not exist.
    private func recordFailedAuthentication(clientID: String, in environmentID: UUID, _ error: CoreError)
        throws(CoreError)
    {
        guard case .unauthenticated(let reason) = error else { return }
        let now = clock.nowToTheMillisecond
        try StoreAccess.write(store) { writer in
            guard let environment = try writer.environment(id: environmentID) else { return }
            let application = try UUID(text: clientID).flatMap {
                try writer.application(id: $0, environmentID: environmentID)
            }
            try AuditLog.record(
                .clientAuthenticationFailed,
                application.map(AuditResource.application),
                .failure("Client authentication failed: \(reason)"),
                environmentID: environmentID,
                organizationID: environment.organizationID,
                at: now,
                actor: application.map {
                    Principal(clientID: $0.id, environmentID: environmentID, organizationID: environment.organizationID)
                },
                in: writer
            )
        }
    }

    /// The principal a bearer token speaks for, or `unauthenticated` saying what is wrong.
    public func authenticate(bearer token: String) throws(CoreError) -> Principal {
        let now = clock.now
        if let cached = cache.withLock({ $0[token] }), cached.validUntil > now {
            return cached.principal
        }
        let (principal, expiresAt) = try verify(token, at: now)
        let validUntil = min(expiresAt, now.addingTimeInterval(TimeInterval(Self.cacheSeconds)))
        cache.withLock { entries in
            if entries.count >= Self.cacheCapacity { entries.removeAll(keepingCapacity: true) }
            entries[token] = CachedPrincipal(principal: principal, validUntil: validUntil)
        }
        return principal
    }

    /// The public keys that verify this environment's tokens (`/as/jwks`): the published keys
    /// of every rotation policy of the environment.
    public func signingKeys(in environmentID: UUID) throws(CoreError) -> [JSONWebKey] {
        let now = clock.now
        let keys = try StoreAccess.read(store) { reader throws -> [Key] in
            _ = try reader.requireEnvironment(environmentID)
            return try reader.rotationPolicies(environmentID: environmentID).flatMap {
                try RotationPolicyService.publishedKeys(of: $0, at: now, in: reader)
            }
        }
        return try keys.map(JSONWebKey.init(verifying:))
    }

    /// The public JWK of a signing key (`kid`, `use` `sig`, `alg`, `x5c`).
    public func publicKey(of key: Key) throws(CoreError) -> JSONWebKey {
        try JSONWebKey(verifying: key)
    }

    private func verify(_ token: String, at now: Date) throws(CoreError) -> (Principal, Date) {
        guard token.utf8.count <= Self.maximumTokenLength else {
            throw .unauthenticated(reason: "the access token is too long")
        }
        let jws: CompactJWS
        let header: TokenHeader
        let claims: TokenClaims
        do {
            jws = try CompactJWS(parsing: token)
            header = try JSONDecoder().decode(TokenHeader.self, from: Data(jws.headerJSON))
            claims = try JSONDecoder().decode(TokenClaims.self, from: Data(jws.payloadJSON))
        } catch {
            throw .unauthenticated(reason: "the access token is malformed")
        }
        guard let algorithm = JWSAlgorithm(rawValue: header.alg), let keyID = UUID(text: header.kid),
            let environmentID = UUID(text: claims.environmentID),
            let organizationID = UUID(text: claims.organizationID),
            let clientID = UUID(text: claims.clientID)
        else { throw .unauthenticated(reason: "the access token is malformed") }
        guard claims.issuer == settings.issuer(environmentID: claims.environmentID) else {
            throw .unauthenticated(reason: "the access token was not issued by this server")
        }
        guard claims.audience.contains(settings.audience) else {
            throw .unauthenticated(reason: "the access token is not meant for this API")
        }
        let seconds = Int(now.timeIntervalSince1970)
        guard claims.expiresAt + settings.leeway > seconds else {
            throw .unauthenticated(reason: "the access token has expired")
        }
        guard claims.issuedAt <= seconds + settings.leeway else {
            throw .unauthenticated(reason: "the access token is not valid yet")
        }
        let (key, environment) = try StoreAccess.read(store) { reader in
            (try reader.key(id: keyID, environmentID: environmentID), try reader.environment(id: environmentID))
        }
        guard let key, let environment, environment.organizationID == organizationID, key.usageType == .signing,
            key.rotationPolicyID != nil, [.valid, .expiring].contains(key.status(at: now))
        else { throw .unauthenticated(reason: "the access token's signing key is unknown or no longer valid") }
        let verified = (try? Certificate(parsing: key.certificateDER).publicKey).map {
            JWSAlgorithm(for: $0.spec) == algorithm && jws.isValid(with: $0, algorithm: algorithm)
        }
        guard verified == true else { throw .unauthenticated(reason: "the access token's signature is invalid") }
        let principal = Principal(clientID: clientID, environmentID: environmentID, organizationID: organizationID)
        return (principal, Date(timeIntervalSince1970: TimeInterval(claims.expiresAt)))
    }
}
