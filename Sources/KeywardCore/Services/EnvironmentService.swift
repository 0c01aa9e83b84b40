import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What a client may say when creating an environment (PingOne's body; the licensing fields
/// are optional, stored and echoed).
public struct EnvironmentRequest: Sendable {
    public var name: String
    public var description: String?
    public var region: String?
    public var type: String?
    public var licenseID: String?
    public var billOfMaterialsJSON: String?

    public init(
        name: String,
        description: String? = nil,
        region: String? = nil,
        type: String? = nil,
        licenseID: String? = nil,
        billOfMaterialsJSON: String? = nil
    ) {
        self.name = name
        self.description = description
        self.region = region
        self.type = type
        self.licenseID = licenseID
        self.billOfMaterialsJSON = billOfMaterialsJSON
    }
}

/// Creates, reads and deletes environments. Creating one also creates, in the same transaction,
/// its default key (RSA-2048, SHA256withRSA, one year, SIGNING, default) with a certificate
/// signed by the organization certificate, and its default key rotation policy with the policy's
/// current and next keys (which sign the environment's access tokens).
public struct EnvironmentService: Sendable {
    let store: any Store
    let clock: any Clock
    let keys: any KeySource

    public init(store: any Store, clock: any Clock = SystemClock(), keys: any KeySource = GeneratingKeySource()) {
        self.store = store
        self.clock = clock
        self.keys = keys
    }

    /// Creates an environment in `organizationID` with its default key and rotation policy.
    ///
    /// With `creator`, that application also gets Environment Admin on the new environment in
    /// the same transaction, unless it holds Environment Admin organization-wide already
    /// (PingOne's automatic role assignment).
    public func create(
        _ request: EnvironmentRequest,
        in organizationID: UUID,
        grantingEnvironmentAdminTo creator: UUID? = nil
    ) throws(CoreError) -> Environment {
        try NameRules.check(request.name, field: "name")
        let issuer = try StoreAccess.read(store) { reader throws -> IssuingAuthority in
            try IssuingAuthority.organization(organizationID, in: reader)
        }
        let now = clock.nowToTheMillisecond
        let environment = Environment(
            id: UUID(),
            organizationID: organizationID,
            name: request.name,
            description: request.description,
            region: request.region,
            type: request.type,
            licenseID: request.licenseID,
            billOfMaterialsJSON: request.billOfMaterialsJSON,
            createdAt: now,
            updatedAt: now
        )
        let defaultKey = try DefaultKeyFactory(keys: keys).makeDefaultKey(for: environment, issuer: issuer, at: now)
        let policy = try makeDefaultPolicy(for: environment, issuer: issuer, at: now)
        try StoreAccess.write(store) { writer in
            if try writer.environments(organizationID: organizationID).contains(where: { $0.name == request.name }) {
                throw CoreError.duplicate(
                    field: "name",
                    reason: "an environment named '\(request.name)' already exists"
                )
            }
            try writer.insert(environment)
            try writer.insert(defaultKey.key, privateKey: defaultKey.privateKey)
            try RotationPolicyService.insert(
                policy.policy,
                keys: policy.keys,
                environment: environment,
                at: now,
                in: writer
            )
            try AuditLog.record(
                .environmentCreated,
                environment: environment,
                "Created Environment \(environment.name)",
                at: now,
                in: writer
            )
            try AuditLog.record(
                .keyCreated,
                key: defaultKey.key,
                "Created Key \(defaultKey.key.name), the default key of Environment \(environment.name)",
                at: now,
                in: writer
            )
            if let creator,
                try !writer.roleAssignments(applicationID: creator).contains(where: {
                    $0.roleID == BuiltInRoles.environmentAdminID && $0.scope == .organization(organizationID)
                })
            {
                let scope = Scope.environment(environment.id)
                let assignment = RoleAssignment(
                    id: UUID(),
                    applicationID: creator,
                    roleID: BuiltInRoles.environmentAdminID,
                    scope: scope,
                    createdAt: now
                )
                try writer.insert(assignment)
            }
        }
        return environment
    }

    /// The default key rotation policy of a new environment, live: current and next keys made.
    private func makeDefaultPolicy(for environment: Environment, issuer: IssuingAuthority, at now: Date)
        throws(CoreError) -> (policy: RotationPolicy, keys: [(key: Key, privateKey: PrivateKey)])
    {
        let policyName = "Key Rotation Policy for \(environment.name) environment"
        var policy = RotationPolicy(
            id: UUID(),
            environmentID: environment.id,
            name: policyName,
            isDefault: true,
            dn: Names.name(commonName: policyName, [("O", issuer.organizationName)]).description,
            createdAt: now
        )
        let keys = try RotationKeyFactory(keys: keys).makeFirstKeys(
            for: &policy,
            organizationID: environment.organizationID,
            at: now,
            schedule: RotationSchedule(tokenLifetime: 0, leeway: 0)
        )
        return (policy, keys)
    }

    /// The environment with `id`.
    public func get(_ id: UUID) throws(CoreError) -> Environment {
        guard let environment = try StoreAccess.read(store, { try $0.environment(id: id) }) else {
            throw .notFound(resource: "Environment", id: id.lowercaseString)
        }
        return environment
    }

    /// The organization's environments, oldest first.
    public func list(in organizationID: UUID) throws(CoreError) -> [Environment] {
        try StoreAccess.read(store) { try $0.environments(organizationID: organizationID) }
    }

    /// Replaces what a client may change (PingOne's PUT): `name`, `description`, `type`,
    /// `license.id` and `billOfMaterials`. `region` is immutable: sending another value is refused,
    /// sending the same or none keeps it. Optional fields absent from the request are cleared,
    /// as PUT replaces.
    public func update(_ id: UUID, with request: EnvironmentRequest) throws(CoreError) -> Environment {
        try NameRules.check(request.name, field: "name")
        let now = clock.nowToTheMillisecond
        return try StoreAccess.write(store) { writer in
            guard var environment = try writer.environment(id: id) else {
                throw CoreError.notFound(resource: "Environment", id: id.lowercaseString)
            }
            if let region = request.region, let current = environment.region, region != current {
                throw CoreError.invalidValue(field: "region", reason: "is immutable (the environment is in \(current))")
            }
            let siblings = try writer.environments(organizationID: environment.organizationID)
            if siblings.contains(where: { $0.name == request.name && $0.id != id }) {
                throw CoreError.duplicate(
                    field: "name",
                    reason: "an environment named '\(request.name)' already exists"
                )
            }
            environment.name = request.name
            environment.description = request.description
            environment.region = request.region ?? environment.region
            environment.type = request.type
            environment.licenseID = request.licenseID
            environment.billOfMaterialsJSON = request.billOfMaterialsJSON
            environment.updatedAt = now
            try writer.update(environment)
            try AuditLog.record(
                .environmentUpdated,
                environment: environment,
                "Updated Environment \(environment.name)",
                at: now,
                in: writer
            )
            return environment
        }
    }

    /// Deletes the environment with everything in it; its private keys are destroyed.
    public func delete(_ id: UUID) throws(CoreError) {
        let now = clock.nowToTheMillisecond
        try StoreAccess.write(store) { writer in
            guard let environment = try writer.environment(id: id) else {
                throw CoreError.notFound(resource: "Environment", id: id.lowercaseString)
            }
            try writer.deleteEnvironment(id: id)
            try AuditLog.record(
                .environmentDeleted,
                environment: environment,
                "Deleted Environment \(environment.name) with its keys and certificates",
                at: now,
                in: writer
            )
        }
    }
}
