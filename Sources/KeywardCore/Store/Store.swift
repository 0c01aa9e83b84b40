import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Durable storage for KeywardCore. Every use case runs in one `read` or `write` transaction;
/// a `write` that returns has committed to disk, one that throws has changed nothing.
///
/// Implementations (SQLite now, PostgreSQL later) seal private keys before they reach the
/// database and open them only in `privateKey(…)`; KeywardCore never sees sealed bytes.
public protocol Store: Sendable {
    /// Runs `body` in a read-only transaction with a consistent snapshot.
    func read<T>(_ body: (any StoreReader) throws -> T) throws -> T
    /// Runs `body` in a read-write transaction: committed if it returns, rolled back if it throws.
    func write<T>(_ body: (any StoreWriter) throws -> T) throws -> T
    /// As `write`, with the commit reaching the disk as `durability` says.
    func write<T>(durability: WriteDurability, _ body: (any StoreWriter) throws -> T) throws -> T
    /// A number that changes after every committed write transaction that may have changed a
    /// record (not after `writeAuditEvents`): a cache of records read from this store may use an
    /// entry as long as this number is what it was read just before the entry's record was.
    /// `nil` when the store cannot tell; then nothing may be cached.
    var changeCount: UInt64? { get }
    /// A write transaction that only appends audit events (the store refuses any other change in
    /// it), committed as `durability` says; it leaves `changeCount` as it is.
    func writeAuditEvents<T>(durability: WriteDurability, _ body: (any StoreWriter) throws -> T) throws -> T
}

/// How far a committed write must have reached the disk before `write` returns.
public enum WriteDurability: String, Sendable, CaseIterable {
    /// Flushed (`fsync`): survives a power loss. Every change of records is written so.
    case full
    /// In the write-ahead log, not yet flushed: survives a crash of the process at once, and a
    /// power loss once a later `full` write or a checkpoint has flushed the log. Only the events
    /// of private-key use may be written so, and only when the operator chooses it
    /// (`keyward serve --key-use-events process`).
    case process
}

extension Store {
    /// Stores that do not distinguish write the same way whatever is asked: fully.
    public func write<T>(durability: WriteDurability, _ body: (any StoreWriter) throws -> T) throws -> T {
        try write(body)
    }

    /// Stores that keep no change count let nothing be cached.
    public var changeCount: UInt64? { nil }

    /// Stores that do not distinguish write audit events as any other change.
    public func writeAuditEvents<T>(durability: WriteDurability, _ body: (any StoreWriter) throws -> T) throws -> T {
        try write(durability: durability, body)
    }
}

/// One page of a listing, ordered by id; `nextCursor` is set only when more follow.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var nextCursor: UUID?

    public init(items: [Item], nextCursor: UUID?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

/// The installation's root CA, made by `keyward init`; it signs organization certificates.
public struct InstallationRoot: Hashable, Sendable {
    public var certificateDER: [UInt8]
    public var createdAt: Date

    public init(certificateDER: [UInt8], createdAt: Date) {
        self.certificateDER = certificateDER
        self.createdAt = createdAt
    }

    /// The fixed record id of the root's sealed private key (the GCM associated data).
    public static let recordID = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1))
}

/// Reads inside a transaction. Environment-scoped lookups take the environment id, so a record
/// of another tenant is simply absent (`nil`), never visible.
public protocol StoreReader {
    func installationRoot() throws -> InstallationRoot?
    func organization(id: UUID) throws -> Organization?
    func organizations() throws -> [Organization]
    func environment(id: UUID) throws -> Environment?
    func environments(organizationID: UUID) throws -> [Environment]
    func key(id: UUID, environmentID: UUID) throws -> Key?
    /// Keys of one environment ordered by id, starting after `cursor`, at most `limit`.
    func keys(environmentID: UUID, after cursor: UUID?, limit: Int) throws -> Page<Key>
    func keyCount(environmentID: UUID) throws -> Int
    func defaultKey(environmentID: UUID, usageType: UsageType) throws -> Key?
    func rotationPolicies(environmentID: UUID) throws -> [RotationPolicy]
    func rotationPolicy(id: UUID, environmentID: UUID) throws -> RotationPolicy?
    /// Policies of every environment with work for the scheduler at `now` (no keys yet, a
    /// rotation due, or a previous key to retire), soonest due first, at most `limit`.
    func rotationPoliciesNeedingWork(at now: Date, limit: Int) throws -> [RotationPolicy]
    /// Keys and certificates of every environment, not revoked, whose EXPIRING (within
    /// `KeyStatus.expiringWindow` of `now`) or EXPIRED event has not been recorded with
    /// `recordExpiryNotice`; soonest expiry first, at most `limit`.
    func expiryCandidates(at now: Date, limit: Int) throws -> [ExpiryCandidate]
    func certificate(id: UUID, environmentID: UUID) throws -> PublicCertificate?
    /// Certificates of one environment ordered by id, starting after `cursor`, at most `limit`.
    func certificates(environmentID: UUID, after cursor: UUID?, limit: Int) throws -> Page<PublicCertificate>
    func certificateCount(environmentID: UUID) throws -> Int
    func application(id: UUID, environmentID: UUID) throws -> Application?
    /// The environment's applications, ordered by id.
    func applications(environmentID: UUID) throws -> [Application]
    /// The application's role assignments, ordered by id.
    func roleAssignments(applicationID: UUID) throws -> [RoleAssignment]
    /// How many pre-generated keys of `spec` wait in the pool.
    func pooledKeyCount(spec: KeySpec) throws -> Int
    /// Opens the sealed private key stored under `recordID` (a key id, an organization id, or
    /// `InstallationRoot.recordID`); `nil` when there is none.
    func privateKey(recordID: UUID) throws -> PrivateKey?
    /// The event `id` listed in `environmentID`, or `nil`.
    func auditEvent(id: UUID, environmentID: UUID) throws -> AuditEvent?
    /// One page of events matching `query`, ordered by (`recordedAt`, id), keyset-paged by `query.after`.
    func auditEvents(_ query: AuditQuery) throws -> AuditPage
    /// The subscription `id` of `environmentID`, or `nil`.
    func subscription(id: UUID, environmentID: UUID) throws -> Subscription?
    /// The environment's subscriptions, ordered by id.
    func subscriptions(environmentID: UUID) throws -> [Subscription]
    /// The subscriptions that present key `keyID` as their TLS client certificate, ordered by id.
    func subscriptions(usingKey keyID: UUID, environmentID: UUID) throws -> [Subscription]
    /// Opens the sealed signing secret of subscription `id`; `nil` when there is none.
    func subscriptionSigningSecret(id: UUID) throws -> [UInt8]?
    /// Where delivery of subscription `id` stands, or `nil`.
    func subscriptionDelivery(id: UUID) throws -> SubscriptionDelivery?
    /// The enabled subscriptions of every environment whose next attempt is due at `now`.
    func dueSubscriptions(at now: Date) throws -> [DueSubscription]
    /// The events `query` selects, in commit order, and how far the cursor may move past them.
    func deliveryBatch(_ query: DeliveryQuery) throws -> DeliveryBatch
}

/// Writes inside a transaction.
public protocol StoreWriter: StoreReader {
    func setInstallationRoot(_ root: InstallationRoot, privateKey: PrivateKey) throws
    func insert(_ organization: Organization, privateKey: PrivateKey) throws
    func update(_ organization: Organization) throws
    func insert(_ environment: Environment) throws
    func update(_ environment: Environment) throws
    /// Deletes the environment and everything in it; its private keys are destroyed, and every
    /// role assignment scoped to it goes too.
    func deleteEnvironment(id: UUID) throws
    func insert(_ key: Key, privateKey: PrivateKey) throws
    func update(_ key: Key) throws
    /// Deletes a key and destroys its sealed private key.
    func deleteKey(id: UUID, environmentID: UUID) throws
    func insert(_ policy: RotationPolicy) throws
    func update(_ policy: RotationPolicy) throws
    /// Deletes the policy record only: its keys are deleted by the caller, with their events.
    func deleteRotationPolicy(id: UUID, environmentID: UUID) throws
    /// Remembers that the `status` event (EXPIRING or EXPIRED) of key or certificate `recordID`
    /// was written, so that it is written once (until the record gets a new expiry).
    func recordExpiryNotice(recordID: UUID, status: KeyStatus, at date: Date) throws
    /// Takes or renews the lease of job `name` for `holder` until `until`, if no other holder's
    /// lease runs at `now`; answers whether `holder` holds it. Exactly one holder wins.
    func acquireLease(_ name: String, holder: String, now: Date, until: Date) throws -> Bool
    func insert(_ certificate: PublicCertificate) throws
    func deleteCertificate(id: UUID, environmentID: UUID) throws
    func insert(_ application: Application) throws
    func update(_ application: Application) throws
    /// Deletes an application and its role assignments.
    func deleteApplication(id: UUID, environmentID: UUID) throws
    func insert(_ assignment: RoleAssignment) throws
    func deleteRoleAssignment(id: UUID, applicationID: UUID) throws
    /// Adds a fresh key pair to the pool, sealed under its own record id.
    func insertPooledKey(_ privateKey: PrivateKey, spec: KeySpec, id: UUID, createdAt: Date) throws
    /// Removes and returns the oldest pooled key of `spec`, or `nil` when the pool is empty.
    /// Runs in the write transaction, so each pooled key is handed out exactly once.
    func takePooledKey(spec: KeySpec) throws -> PrivateKey?
    /// Appends an audit event; events are never updated or deleted, and outlive their environment.
    func insert(_ event: AuditEvent) throws
    /// Adds a subscription with its signing secret (sealed under the subscription's id); its
    /// delivery starts after the last event written so far, this transaction's included.
    func insert(_ subscription: Subscription, signingSecret: [UInt8]) throws
    /// Replaces a subscription's settings and clears its retry state (the cursor stays).
    func update(_ subscription: Subscription) throws
    /// Deletes a subscription, its signing secret and its delivery state.
    func deleteSubscription(id: UUID, environmentID: UUID) throws
    func setSubscriptionSigningSecret(_ secret: [UInt8], id: UUID) throws
    /// Moves the cursor from `from` to `to` and clears the retry state (`deliveredAt` is the time
    /// of the delivery, `nil` when only non-matching events were passed); `false`, changing
    /// nothing, when the cursor is no longer at `from`.
    func advanceSubscriptionCursor(id: UUID, from: Int64, to: Int64, deliveredAt time: Date?) throws -> Bool
    /// Records a failed attempt; the cursor stays. A subscription deleted meanwhile is ignored.
    func recordSubscriptionFailure(id: UUID, attempts: Int, nextAttemptAt: Date, lastError: String) throws
}

/// Why a store operation failed: part of the `Store` contract, so that KeywardCore can tell a
/// constraint violation (the caller's fault) from an outage (not theirs).
public enum StoreError: Error, Equatable, Sendable {
    /// A uniqueness or reference constraint refused the change.
    case constraintViolation(String)
    /// A sealed private key did not open: wrong master key, or the bytes were moved or altered.
    case sealBroken(recordID: UUID)
    /// The database could not be used (I/O, corruption, busy beyond the timeout).
    case unavailable(String)
    /// The database holds a value this version cannot read.
    case corruptRecord(String)
}

extension StoreError: CustomStringConvertible {
    /// A sentence for operators; never carries key material.
    public var description: String {
        switch self {
        case .constraintViolation(let detail): "constraint violation: \(detail)"
        case .sealBroken(let recordID):
            "the sealed private key of record \(recordID) does not open: wrong master key, or the database was altered"
        case .unavailable(let detail): "database unavailable: \(detail)"
        case .corruptRecord(let detail): "unreadable record: \(detail)"
        }
    }
}
