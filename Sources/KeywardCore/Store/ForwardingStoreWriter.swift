import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A `StoreWriter` that hands every call to `base`, so that a wrapper changes one operation by
/// implementing only that one: a test makes the audit insert fail to prove a change fails closed,
/// a benchmark drops it to measure what it costs. Used with `WrappingStore`.
public protocol ForwardingStoreWriter: StoreWriter {
    var base: any StoreWriter { get }
}

extension ForwardingStoreWriter {
    public func installationRoot() throws -> InstallationRoot? { try base.installationRoot() }
    public func organization(id: UUID) throws -> Organization? { try base.organization(id: id) }
    public func organizations() throws -> [Organization] { try base.organizations() }
    public func environment(id: UUID) throws -> Environment? { try base.environment(id: id) }
    public func environments(organizationID: UUID) throws -> [Environment] {
        try base.environments(organizationID: organizationID)
    }
    public func key(id: UUID, environmentID: UUID) throws -> Key? { try base.key(id: id, environmentID: environmentID) }
    public func keys(environmentID: UUID, after cursor: UUID?, limit: Int) throws -> Page<Key> {
        try base.keys(environmentID: environmentID, after: cursor, limit: limit)
    }
    public func keyCount(environmentID: UUID) throws -> Int { try base.keyCount(environmentID: environmentID) }
    public func defaultKey(environmentID: UUID, usageType: UsageType) throws -> Key? {
        try base.defaultKey(environmentID: environmentID, usageType: usageType)
    }
    public func rotationPolicies(environmentID: UUID) throws -> [RotationPolicy] {
        try base.rotationPolicies(environmentID: environmentID)
    }
    public func rotationPolicy(id: UUID, environmentID: UUID) throws -> RotationPolicy? {
        try base.rotationPolicy(id: id, environmentID: environmentID)
    }
    public func rotationPoliciesNeedingWork(at now: Date, limit: Int) throws -> [RotationPolicy] {
        try base.rotationPoliciesNeedingWork(at: now, limit: limit)
    }
    public func expiryCandidates(at now: Date, limit: Int) throws -> [ExpiryCandidate] {
        try base.expiryCandidates(at: now, limit: limit)
    }
    public func certificate(id: UUID, environmentID: UUID) throws -> PublicCertificate? {
        try base.certificate(id: id, environmentID: environmentID)
    }
    public func certificates(environmentID: UUID, after cursor: UUID?, limit: Int) throws -> Page<PublicCertificate> {
        try base.certificates(environmentID: environmentID, after: cursor, limit: limit)
    }
    public func certificateCount(environmentID: UUID) throws -> Int {
        try base.certificateCount(environmentID: environmentID)
    }
    public func application(id: UUID, environmentID: UUID) throws -> Application? {
        try base.application(id: id, environmentID: environmentID)
    }
    public func applications(environmentID: UUID) throws -> [Application] {
        try base.applications(environmentID: environmentID)
    }
    public func roleAssignments(applicationID: UUID) throws -> [RoleAssignment] {
        try base.roleAssignments(applicationID: applicationID)
    }
    public func pooledKeyCount(spec: KeySpec) throws -> Int { try base.pooledKeyCount(spec: spec) }
    public func privateKey(recordID: UUID) throws -> PrivateKey? { try base.privateKey(recordID: recordID) }
    public func auditEvent(id: UUID, environmentID: UUID) throws -> AuditEvent? {
        try base.auditEvent(id: id, environmentID: environmentID)
    }
    public func auditEvents(_ query: AuditQuery) throws -> AuditPage { try base.auditEvents(query) }
    public func subscription(id: UUID, environmentID: UUID) throws -> Subscription? {
        try base.subscription(id: id, environmentID: environmentID)
    }
    public func subscriptions(environmentID: UUID) throws -> [Subscription] {
        try base.subscriptions(environmentID: environmentID)
    }
    public func subscriptions(usingKey keyID: UUID, environmentID: UUID) throws -> [Subscription] {
        try base.subscriptions(usingKey: keyID, environmentID: environmentID)
    }
    public func subscriptionSigningSecret(id: UUID) throws -> [UInt8]? { try base.subscriptionSigningSecret(id: id) }
    public func subscriptionDelivery(id: UUID) throws -> SubscriptionDelivery? {
        try base.subscriptionDelivery(id: id)
    }
    public func dueSubscriptions(at now: Date) throws -> [DueSubscription] { try base.dueSubscriptions(at: now) }
    public func deliveryBatch(_ query: DeliveryQuery) throws -> DeliveryBatch { try base.deliveryBatch(query) }

    public func setInstallationRoot(_ root: InstallationRoot, privateKey: PrivateKey) throws {
        try base.setInstallationRoot(root, privateKey: privateKey)
    }
    public func insert(_ organization: Organization, privateKey: PrivateKey) throws {
        try base.insert(organization, privateKey: privateKey)
    }
    public func update(_ organization: Organization) throws { try base.update(organization) }
    public func insert(_ environment: Environment) throws { try base.insert(environment) }
    public func update(_ environment: Environment) throws { try base.update(environment) }
    public func deleteEnvironment(id: UUID) throws { try base.deleteEnvironment(id: id) }
    public func insert(_ key: Key, privateKey: PrivateKey) throws { try base.insert(key, privateKey: privateKey) }
    public func update(_ key: Key) throws { try base.update(key) }
    public func deleteKey(id: UUID, environmentID: UUID) throws {
        try base.deleteKey(id: id, environmentID: environmentID)
    }
    public func insert(_ policy: RotationPolicy) throws { try base.insert(policy) }
    public func update(_ policy: RotationPolicy) throws { try base.update(policy) }
    public func deleteRotationPolicy(id: UUID, environmentID: UUID) throws {
        try base.deleteRotationPolicy(id: id, environmentID: environmentID)
    }
    public func recordExpiryNotice(recordID: UUID, status: KeyStatus, at date: Date) throws {
        try base.recordExpiryNotice(recordID: recordID, status: status, at: date)
    }
    public func acquireLease(_ name: String, holder: String, now: Date, until: Date) throws -> Bool {
        try base.acquireLease(name, holder: holder, now: now, until: until)
    }
    public func insert(_ certificate: PublicCertificate) throws { try base.insert(certificate) }
    public func deleteCertificate(id: UUID, environmentID: UUID) throws {
        try base.deleteCertificate(id: id, environmentID: environmentID)
    }
    public func insert(_ application: Application) throws { try base.insert(application) }
    public func update(_ application: Application) throws { try base.update(application) }
    public func deleteApplication(id: UUID, environmentID: UUID) throws {
        try base.deleteApplication(id: id, environmentID: environmentID)
    }
    public func insert(_ assignment: RoleAssignment) throws { try base.insert(assignment) }
    public func deleteRoleAssignment(id: UUID, applicationID: UUID) throws {
        try base.deleteRoleAssignment(id: id, applicationID: applicationID)
    }
    public func insertPooledKey(_ privateKey: PrivateKey, spec: KeySpec, id: UUID, createdAt: Date) throws {
        try base.insertPooledKey(privateKey, spec: spec, id: id, createdAt: createdAt)
    }
    public func takePooledKey(spec: KeySpec) throws -> PrivateKey? { try base.takePooledKey(spec: spec) }
    public func insert(_ event: AuditEvent) throws { try base.insert(event) }
    public func insert(_ subscription: Subscription, signingSecret: [UInt8]) throws {
        try base.insert(subscription, signingSecret: signingSecret)
    }
    public func update(_ subscription: Subscription) throws { try base.update(subscription) }
    public func deleteSubscription(id: UUID, environmentID: UUID) throws {
        try base.deleteSubscription(id: id, environmentID: environmentID)
    }
    public func setSubscriptionSigningSecret(_ secret: [UInt8], id: UUID) throws {
        try base.setSubscriptionSigningSecret(secret, id: id)
    }
    public func advanceSubscriptionCursor(id: UUID, from: Int64, to: Int64, deliveredAt time: Date?) throws -> Bool {
        try base.advanceSubscriptionCursor(id: id, from: from, to: to, deliveredAt: time)
    }
    public func recordSubscriptionFailure(id: UUID, attempts: Int, nextAttemptAt: Date, lastError: String) throws {
        try base.recordSubscriptionFailure(
            id: id,
            attempts: attempts,
            nextAttemptAt: nextAttemptAt,
            lastError: lastError
        )
    }
}
