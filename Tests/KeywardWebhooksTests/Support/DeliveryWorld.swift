import Foundation
import KeywardCore
import KeywardCrypto
import KeywardStore
import KeywardWebhooks

/// An installation on a fresh SQLite file with one organization and one environment, a manual
/// clock, and a dispatcher over it; the store can be closed and reopened like a restart.
final class DeliveryWorld {
    let directory: URL
    let masterKey: MasterKey
    let clock: ManualClock
    private(set) var store: SQLiteStore
    let environment: Environment

    static let baseURL = "https://keyward.example.com"

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("keyward-hooks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        masterKey = try MasterKey.create(in: directory.path)
        clock = ManualClock(Date(timeIntervalSince1970: (Date().timeIntervalSince1970).rounded(.down)))
        store = try SQLiteStore(path: directory.appendingPathComponent("keyward.db").path, masterKey: masterKey)
        try InstallationService(store: store, clock: clock).initialise()
        let organization = try OrganizationService(store: store, clock: clock).create(name: "Hooks Corp")
        environment = try EnvironmentService(store: store, clock: clock).create(
            EnvironmentRequest(name: "Hooks"),
            in: organization.id
        )
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    var subscriptions: SubscriptionService { SubscriptionService(store: store, clock: clock) }
    var certificates: CertificateService { CertificateService(store: store, clock: clock) }
    var keys: KeyService { KeyService(store: store, clock: clock) }

    /// A dispatcher with a fixed jitter (waits of exactly 1 s, 2 s, 4 s …) that may deliver to the
    /// loopback receivers of these tests.
    func dispatcher() -> WebhookDispatcher {
        WebhookDispatcher(
            store: store,
            clock: clock,
            baseURL: Self.baseURL,
            transport: CurlTransport(targets: .allowLocal),
            jitter: { 0.5 }
        )
    }

    /// Closes the database (every connection) and opens it again, as a restarted process would.
    func reopen() throws {
        store = try SQLiteStore(path: directory.appendingPathComponent("keyward.db").path, masterKey: masterKey)
    }

    /// A subscription to `url` taking `types`; its signing secret.
    func subscribe(
        _ url: String,
        types: [String] = ["KEY.CREATED"],
        change: (inout SubscriptionRequest) -> Void = { _ in }
    ) throws -> (Subscription, signingSecret: String) {
        var request = SubscriptionRequest(
            name: "receiver",
            enabled: true,
            verifyTLSCertificates: true,
            includedActionTypes: types,
            url: url,
            headers: ["Authorization": "Basic aG9vazpzZWNyZXQ="]
        )
        change(&request)
        return try subscriptions.create(request, in: environment.id)
    }

    /// Uploads `certificate` to the environment as an SSL/TLS certificate.
    func trust(_ certificate: Certificate) throws {
        _ = try certificates.upload(
            Array(try certificate.pemRepresentation().utf8),
            usageType: "SSL/TLS",
            name: "receiver",
            in: environment.id
        )
    }

    /// Appends an event of `action` acted by `actor`, recorded now (or `at`); its id.
    @discardableResult
    func record(_ action: AuditAction, actor: UUID? = nil, at time: Date? = nil) throws -> String {
        let id = UUID()
        let when = time ?? clock.nowToTheMillisecond
        try store.write { writer in
            try writer.insert(
                AuditEvent(
                    id: id,
                    environmentID: environment.id,
                    organizationID: environment.organizationID,
                    recordedAt: when,
                    createdAt: when,
                    correlationID: nil,
                    action: action,
                    actor: actor.map { AuditActor(clientID: $0, name: "app", environmentID: environment.id) },
                    resource: nil,
                    result: .success("test event"),
                    clientAddress: "192.0.2.7"
                )
            )
        }
        return id.uuidString.lowercased()
    }

    func delivery(_ subscription: Subscription) throws -> SubscriptionDelivery {
        try subscriptions.delivery(subscription.id, in: environment.id)
    }
}
