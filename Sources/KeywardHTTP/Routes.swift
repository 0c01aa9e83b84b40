/// Every route Keyward serves, in one place: the API's table of contents.
///
/// Each resource lives in `Resources/<Name>Resource.swift` and registers its own routes here.
/// Management APIs are under `/v1` as PingOne's `https://api.pingone.com/v1`; the token
/// endpoint and JWKS are at `/{environmentID}/as/…` as PingOne's `https://auth.pingone.com`.
public enum Routes {
    /// The router for the whole API; without `services`, only `GET /health`.
    public static func makeRouter(_ services: APIServices? = nil) -> Router {
        var router = Router()
        router.add(.get, "/health", handler: HealthResource.get)
        guard let services else { return router }
        let limiter = services.rateLimiter
        router.admission = { request in try limiter.admit(address: request.clientAddress) }
        TokenResource(services: services).register(in: &router)
        JWSKeySetResource(services: services).register(in: &router)
        OrganizationsResource(services: services).register(in: &router)
        EnvironmentsResource(services: services).register(in: &router)
        let keys = KeysResource(services: services)
        keys.register(in: &router)
        KeySigningRequestResource(services: services, keys: keys).register(in: &router)
        CertificatesResource(services: services).register(in: &router)
        KeyRotationPoliciesResource(services: services).register(in: &router)
        CryptoOperationsResource(services: services).register(in: &router)
        ActivitiesResource(services: services).register(in: &router)
        RolesResource(services: services).register(in: &router)
        ApplicationsResource(services: services).register(in: &router)
        ApplicationSecretResource(services: services).register(in: &router)
        RoleAssignmentsResource(services: services).register(in: &router)
        SubscriptionsResource(services: services).register(in: &router)
        return router
    }
}
