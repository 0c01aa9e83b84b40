import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Creates worker applications (API clients) and proves their secrets.
///
/// A secret is shown once, when it is made; the store keeps only its salted PBKDF2 hash.
public struct ApplicationService: Sendable {
    let store: any Store
    let clock: any Clock
    let hashIterations: Int

    /// `hashIterations` is PBKDF2's work factor for new secrets (tests may lower it; the default
    /// is `SecretHash.defaultIterations`). Existing hashes carry their own count.
    public init(store: any Store, clock: any Clock = SystemClock(), hashIterations: Int = SecretHash.defaultIterations)
    {
        self.store = store
        self.clock = clock
        self.hashIterations = hashIterations
    }

    /// A new application in `environmentID` and its secret, which is not kept anywhere.
    public func create(name: String, in environmentID: UUID) throws(CoreError) -> (Application, secret: String) {
        try create(ApplicationRequest(name: name), in: environmentID)
    }

    /// A new application in `environmentID` and its secret, which is not kept anywhere.
    ///
    /// With `copyingRolesOf`, the new application also gets every role assignment of that
    /// application (PingOne's `assignActorRoles: true`), in the same transaction; without it,
    /// none: roles are then granted through role assignments.
    public func create(
        _ request: ApplicationRequest,
        in environmentID: UUID,
        copyingRolesOf creator: UUID? = nil
    ) throws(CoreError) -> (Application, secret: String) {
        try NameRules.check(request.name, field: "name")
        let (secret, hash) = try newSecret()
        let now = clock.nowToTheMillisecond
        let application = Application(
            id: UUID(),
            environmentID: environmentID,
            name: request.name,
            enabled: request.enabled,
            tokenEndpointAuthMethod: request.tokenEndpointAuthMethod,
            secretHash: hash,
            createdAt: now,
            updatedAt: now,
            description: request.description,
            attributesJSON: request.attributesJSON
        )
        try StoreAccess.write(store) { writer in
            _ = try writer.requireEnvironment(environmentID)
            try writer.insert(application)
            try AuditLog.record(
                .applicationCreated,
                application: application,
                "Created Application \(application.name)",
                at: now,
                in: writer
            )
            for held in try creator.map({ try writer.roleAssignments(applicationID: $0) }) ?? [] {
                try writer.insert(
                    RoleAssignment(
                        id: UUID(),
                        applicationID: application.id,
                        roleID: held.roleID,
                        scope: held.scope,
                        createdAt: now
                    )
                )
            }
        }
        return (application, secret)
    }

    /// A fresh secret and its hash.
    func newSecret() throws(CoreError) -> (secret: String, hash: String) {
        try StoreAccess.translate { () throws -> (String, String) in
            let secret = try ClientSecret.generate()
            return (secret, try SecretHash.make(secret: secret, iterations: hashIterations))
        }
    }

    /// The enabled application `clientID` of `environmentID` whose secret is `secret`.
    ///
    /// Every failure is the same `unauthenticated` answer, and an unknown client costs as much
    /// time as a wrong secret, so neither the answer nor its timing tells which ids exist.
    public func authenticate(clientID: String, secret: String, in environmentID: UUID) throws(CoreError)
        -> Application
    {
        let id = UUID(text: clientID)
        let application = try id.flatMap { (id) throws(CoreError) in
            try StoreAccess.read(store) { try $0.application(id: id, environmentID: environmentID) }
        }
        let hash = application?.secretHash ?? Self.decoyHash
        var matches = SecretHash.verify(secret, against: hash)
        if !matches, let application, application.previousSecretExpiry(at: clock.now) != nil,
            let previous = application.previousSecretHash
        {
            matches = SecretHash.verify(secret, against: previous)
        }
        guard let application, matches, application.enabled else {
            throw .unauthenticated(reason: "the client id or secret is wrong, or the client is disabled")
        }
        return application
    }

    /// A hash no secret matches, verified in place of a missing client's so that timing is alike.
    private static let decoyHash: String = {
        (try? SecretHash.make(secret: UUID().uuidString + UUID().uuidString)) ?? ""
    }()
}
