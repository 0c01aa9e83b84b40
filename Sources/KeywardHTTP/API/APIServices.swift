import KeywardCore

/// The use cases the API resources call, built once by `keyward serve` (or a test) over one store.
public struct APIServices: Sendable {
    public var organizations: OrganizationService
    public var environments: EnvironmentService
    public var keys: KeyService
    public var keyImports: KeyImportService
    public var signingRequests: KeySigningRequestService
    public var certificates: CertificateService
    public var tokens: TokenService
    /// Key rotation policies: their keys sign the environments' access tokens.
    public var rotationPolicies: RotationPolicyService
    public var audit: AuditService
    /// Sign, verify, encrypt, decrypt and JWS with the managed keys (with its private-key cache).
    public var operations: CryptoOperationService
    public var applications: ApplicationService
    /// Role assignments and the permission check of every request (with its per-application cache).
    public var roleAssignments: RoleAssignmentService
    /// Webhook subscriptions (their delivery is `KeywardWebhooks`').
    public var subscriptions: SubscriptionService
    public var clock: any Clock
    /// The public base URL clients reach Keyward at, without a trailing slash (e.g.
    /// `https://keyward.example.com`): HAL links and token issuers are built from it.
    public var baseURL: String
    /// Token buckets per client and address, and the lock-out of guessed client secrets.
    public var rateLimiter: RateLimiter
    /// Environment → organization, for the tenant check of every request.
    let directory = EnvironmentDirectory()

    /// Services over `store`; `keys` supplies new key pairs (a `KeyPool` in production).
    public init(
        store: any Store,
        clock: any Clock = SystemClock(),
        keys keySource: any KeySource = GeneratingKeySource(),
        baseURL: String,
        secretHashIterations: Int = 600_000,
        rateLimits: RateLimitSettings = RateLimitSettings(),
        keyUseEvents: WriteDurability = .full
    ) {
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        organizations = OrganizationService(store: store, clock: clock, keys: keySource)
        environments = EnvironmentService(store: store, clock: clock, keys: keySource)
        keys = KeyService(store: store, clock: clock, keys: keySource)
        keyImports = KeyImportService(store: store, clock: clock)
        signingRequests = KeySigningRequestService(store: store, clock: clock)
        certificates = CertificateService(store: store, clock: clock)
        applications = ApplicationService(store: store, clock: clock, hashIterations: secretHashIterations)
        roleAssignments = RoleAssignmentService(store: store, clock: clock)
        let tokenSettings = TokenSettings(issuerBase: base)
        rotationPolicies = RotationPolicyService(
            store: store,
            clock: clock,
            keys: keySource,
            schedule: RotationSchedule(tokenLifetime: tokenSettings.lifetime, leeway: tokenSettings.leeway)
        )
        subscriptions = SubscriptionService(store: store, clock: clock)
        tokens = TokenService(
            store: store,
            clock: clock,
            settings: tokenSettings,
            applications: applications,
            rotationPolicies: rotationPolicies
        )
        audit = AuditService(store: store)
        operations = CryptoOperationService(store: store, clock: clock, eventDurability: keyUseEvents)
        self.clock = clock
        self.baseURL = base
        rateLimiter = RateLimiter(settings: rateLimits)
    }

    /// The absolute URL of an API path such as `/environments/E/keys` (`/v1` is added).
    func apiURL(_ path: String) -> String {
        "\(baseURL)/v1\(path)"
    }
}
