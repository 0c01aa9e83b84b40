import Foundation
import KeywardCore
import KeywardCrypto
import KeywardTestSupport
import KeywardWebhooks
import Synchronization
import Testing

/// Deliveries to a real HTTPS receiver (Python's `ssl`): TLS trust from uploaded certificates,
/// mTLS with an OUTBOUND_MTLS key, the signature checked with `openssl dgst -hmac`, retries of the
/// same batch, a restart mid-retry, filters, and a suspended subscription.
@Suite("Webhook deliveries to an HTTPS receiver")
struct WebhookDeliveryTests {
    /// Checks `X-Keyward-Signature` the way a receiver would, with `openssl dgst -sha256 -hmac`.
    func expectSignedWith(_ secret: String, _ request: ReceivedRequest, at now: Date) throws {
        let header = try #require(request.header("X-Keyward-Signature"))
        let parts = Dictionary(
            uniqueKeysWithValues: header.split(separator: ",").map { part in
                let pair = part.split(separator: "=", maxSplits: 1)
                return (String(pair[0]), String(pair.count > 1 ? pair[1] : ""))
            }
        )
        let timestamp = try #require(parts["t"])
        #expect(timestamp == "\(Int64(now.timeIntervalSince1970))")
        let signed = Data(Array("\(timestamp).".utf8) + request.bodyBytes)
        let result = try openssl(["dgst", "-sha256", "-hmac", secret, "-r"], input: signed)
        let expected = result.standardOutput.split(separator: " ").first.map(String.init)
        #expect(parts["v1"] == expected, "the signature does not verify with openssl")
    }

    @Test func aBatchIsDeliveredSignedOverVerifiedTLSToAnUploadedCertificate() throws {
        let world = try DeliveryWorld()
        let certificate = try ReceiverCertificate()
        try world.trust(certificate.certificate)
        let receiver = try Receiver(certificate)
        try world.record(.keyCreated)  // before the subscription: history is not sent
        let (subscription, secret) = try world.subscribe(receiver.url)
        let first = try world.record(.keyCreated)
        try world.record(.applicationCreated)
        let second = try world.record(.keyCreated)
        let report = try world.dispatcher().deliverDue(now: world.clock.now)
        #expect(report.delivered == 1 && report.failed == 0)
        let requests = try receiver.requests()
        try #require(requests.count == 1)
        let request = requests[0]
        #expect(request.path == "/hook")
        #expect(try request.eventIDs() == [first, second])
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.header("X-Keyward-Subscription") == subscription.id.uuidString.lowercased())
        #expect(UUID(uuidString: request.header("X-Keyward-Delivery") ?? "") != nil)
        #expect(request.header("Authorization") == "Basic aG9vazpzZWNyZXQ=")
        try expectSignedWith(secret, request, at: world.clock.now)
        let event = try request.events()[0]
        #expect((event["action"] as? [String: Any])?["type"] as? String == "KEY.CREATED")
        let link = ((event["_links"] as? [String: Any])?["self"] as? [String: Any])?["href"] as? String
        #expect(
            link == "\(DeliveryWorld.baseURL)/v1/environments/\(world.environment.id.uuidString.lowercased())"
                + "/activities/\(first)"
        )
        #expect(event["source"] == nil, "ipAddressExposed is false")
        let delivery = try world.delivery(subscription)
        #expect(delivery.attempts == 0 && delivery.lastError == nil && delivery.lastDeliveredAt != nil)
        #expect(try world.dispatcher().deliverDue(now: world.clock.now).delivered == 0)
        #expect(try receiver.requests().count == 1, "a delivered batch is not sent again")
    }

    @Test func aCertificateThatIsNotUploadedIsRefusedAndTheBatchWaitsWithItsCursor() throws {
        let world = try DeliveryWorld()
        let certificate = try ReceiverCertificate()
        let receiver = try Receiver(certificate)
        let (subscription, _) = try world.subscribe(receiver.url)
        let cursor = try world.delivery(subscription).cursor
        let event = try world.record(.keyCreated)
        let report = try world.dispatcher().deliverDue(now: world.clock.now)
        #expect(report.failed == 1 && report.delivered == 0)
        #expect(try receiver.requests().isEmpty)
        let failed = try world.delivery(subscription)
        #expect(failed.cursor == cursor && failed.attempts == 1)
        #expect(failed.lastError?.lowercased().contains("certificate") == true, "\(failed.lastError ?? "")")
        #expect(failed.nextAttemptAt == world.clock.now.addingTimeInterval(1))
        try world.trust(certificate.certificate)
        world.clock.advance(by: 1)
        #expect(try world.dispatcher().deliverDue(now: world.clock.now).delivered == 1)
        #expect(try receiver.requests().map { try $0.eventIDs() } == [[event]])
    }

    @Test func withoutVerificationAnyCertificateIsAccepted() throws {
        let world = try DeliveryWorld()
        let receiver = try Receiver(try ReceiverCertificate())
        _ = try world.subscribe(receiver.url) { $0.verifyTLSCertificates = false }
        let event = try world.record(.keyCreated)
        #expect(try world.dispatcher().deliverDue(now: world.clock.now).delivered == 1)
        #expect(try receiver.requests().first?.eventIDs() == [event])
    }

    @Test func aMutualTLSReceiverGetsTheOutboundMTLSKeysCertificate() throws {
        let world = try DeliveryWorld()
        let certificate = try ReceiverCertificate()
        try world.trust(certificate.certificate)
        let key = try world.keys.create(
            KeyCreationRequest(
                name: "webhook client",
                algorithm: "EC",
                keyLength: 256,
                signatureAlgorithm: "SHA256withECDSA",
                subjectDN: "CN=keyward webhook client, OU=Hooks, O=Hooks Corp, L=, ST=, C=US",
                validityPeriod: 30,
                usageType: "OUTBOUND_MTLS"
            ),
            in: world.environment.id
        )
        let clientCA = try Certificate(parsing: key.certificateDER).pemRepresentation()
        let receiver = try Receiver(certificate, clientCAs: clientCA)
        let (withKey, _) = try world.subscribe(receiver.url) { $0.tlsClientAuthKeyID = key.id }
        let (withoutKey, _) = try world.subscribe(receiver.url)
        try world.record(.keyCreated)
        let report = try world.dispatcher().deliverDue(now: world.clock.now)
        #expect(report.delivered == 1 && report.failed == 1)
        let requests = try receiver.requests()
        #expect(requests.count == 1)
        #expect(requests.first?.clientSubject?.contains("commonName=keyward webhook client") == true)
        #expect(requests.first?.header("X-Keyward-Subscription") == withKey.id.uuidString.lowercased())
        #expect(try world.delivery(withoutKey).attempts == 1, "no client certificate, no delivery")
    }

    @Test func failedAttemptsRepeatTheSameBatchInOrderAndTheCursorMovesOnce() throws {
        let world = try DeliveryWorld()
        let certificate = try ReceiverCertificate()
        try world.trust(certificate.certificate)
        let receiver = try Receiver(certificate, statuses: [500, 503, 200])
        let (subscription, _) = try world.subscribe(receiver.url) { $0.maximumEventsPerPayload = 2 }
        let start = try world.delivery(subscription).cursor
        let events = try (0..<3).map { _ in try world.record(.keyCreated) }
        let dispatcher = world.dispatcher()
        #expect(try dispatcher.deliverDue(now: world.clock.now).failed == 1)
        #expect(try dispatcher.deliverDue(now: world.clock.now) == .init(), "not due before its backoff")
        #expect(try world.delivery(subscription).nextAttemptAt == world.clock.now.addingTimeInterval(1))
        world.clock.advance(by: 1)
        #expect(try dispatcher.deliverDue(now: world.clock.now).failed == 1)
        let second = try world.delivery(subscription)
        #expect(second.attempts == 2 && second.cursor == start && second.lastError == "the endpoint answered HTTP 503")
        #expect(second.nextAttemptAt == world.clock.now.addingTimeInterval(2), "the wait doubles")
        world.clock.advance(by: 2)
        #expect(try dispatcher.deliverDue(now: world.clock.now).delivered == 1)
        let moved = try world.delivery(subscription)
        #expect(moved.cursor > start && moved.attempts == 0 && moved.lastError == nil)
        #expect(try dispatcher.deliverDue(now: world.clock.now).delivered == 1)
        let bodies = try receiver.requests().map { try $0.eventIDs() }
        #expect(bodies == [Array(events[0..<2]), Array(events[0..<2]), Array(events[0..<2]), [events[2]]])
        #expect(try receiver.requests().map(\.status) == [500, 503, 200, 200])
    }

    @Test func aRestartMidRetryResumesTheSameBatchAndLosesNothing() throws {
        let world = try DeliveryWorld()
        let certificate = try ReceiverCertificate()
        try world.trust(certificate.certificate)
        let receiver = try Receiver(certificate, statuses: [500, 200])
        let (subscription, secret) = try world.subscribe(receiver.url)
        let first = try world.record(.keyCreated)
        let background = world.dispatcher()
        background.start()
        var waited = 0
        while try world.delivery(subscription).attempts == 0, waited < 100 {
            usleep(50_000)
            waited += 1
        }
        #expect(background.stopAndWait(timeout: .seconds(5)), "the background thread ends")
        #expect(try world.delivery(subscription).attempts == 1)
        try world.reopen()
        let second = try world.record(.keyCreated)
        world.clock.advance(by: 1)
        let restarted = world.dispatcher()
        #expect(try restarted.deliverDue(now: world.clock.now).delivered == 1)
        let requests = try receiver.requests()
        #expect(try requests.map { try $0.eventIDs() } == [[first], [first, second]])
        try expectSignedWith(secret, requests[1], at: world.clock.now)
        #expect(try world.delivery(subscription).attempts == 0)
    }

    @Test func filtersSelectActionTypesAndActingApplications() throws {
        let world = try DeliveryWorld()
        let certificate = try ReceiverCertificate()
        try world.trust(certificate.certificate)
        let receiver = try Receiver(certificate)
        let (x, y) = (UUID(), UUID())
        _ = try world.subscribe(receiver.url, types: ["KEY.CREATED", "KEY.DELETED", "PARTNER.UNKNOWN"]) {
            $0.includedApplicationIDs = [x]
            $0.payloadFormat = .ndJSON
            $0.ipAddressExposed = true
        }
        let wanted = try world.record(.keyCreated, actor: x)
        try world.record(.keyCreated, actor: y)
        try world.record(.certificateCreated, actor: x)
        try world.record(.keyCreated)
        let deleted = try world.record(.keyDeleted, actor: x)
        #expect(try world.dispatcher().deliverDue(now: world.clock.now).delivered == 1)
        let request = try #require(try receiver.requests().first)
        #expect(request.header("Content-Type") == "application/x-ndjson")
        #expect(try request.eventIDs() == [wanted, deleted])
        #expect((try request.events()[0]["source"] as? [String: Any])?["ipAddress"] as? String == "192.0.2.7")
    }

    /// What operators subscribe to so that they hear before something breaks: the scheduler's
    /// rotation and expiry events, delivered like any other.
    @Test func rotationAndExpiryEventsOfTheSchedulerAreDelivered() throws {
        let world = try DeliveryWorld()
        let certificate = try ReceiverCertificate()
        try world.trust(certificate.certificate)
        let receiver = try Receiver(certificate)
        _ = try world.subscribe(receiver.url, types: ["KEY_ROTATION_POLICY.ROTATED", "KEY.EXPIRING", "KEY.EXPIRED"])
        let request = KeyCreationRequest(
            algorithm: "EC",
            keyLength: 256,
            signatureAlgorithm: "SHA256withECDSA",
            subjectDN: "CN=short-lived, OU=Hooks, O=Hooks Corp, L=, ST=, C=US",
            validityPeriod: 20,
            usageType: "SIGNING"
        )
        let key = try world.keys.create(request, in: world.environment.id)
        let policies = RotationPolicyService(store: world.store, clock: world.clock)
        let policy = try #require(try policies.list(in: world.environment.id).first)
        world.clock.advance(by: 7 * 86400)
        _ = try policies.rotate(policy.id, in: world.environment.id)
        _ = try ExpiryNoticeJob(store: world.store, clock: world.clock).run()
        #expect(try world.dispatcher().deliverDue(now: world.clock.now).delivered == 1)
        let events = try #require(try receiver.requests().first).events()
        let types = events.map { ($0["action"] as? [String: Any])?["type"] as? String }
        #expect(types == ["KEY_ROTATION_POLICY.ROTATED", "KEY.EXPIRING"])
        let resources = events.map { ($0["resources"] as? [[String: Any]])?.first?["id"] as? String }
        #expect(resources == [policy.id.uuidString.lowercased(), key.id.uuidString.lowercased()])
        let link = (events[0]["resources"] as? [[String: Any]])?.first?["href"] as? String
        #expect(link?.hasSuffix("/keyRotationPolicies/\(policy.id.uuidString.lowercased())") == true, "\(events[0])")
    }

    /// By default a delivery never connects to a local address: the receiver here listens on the
    /// loopback, so the batch waits with its cursor and the error names the address.
    @Test func localTargetsAreRefusedUnlessAllowed() throws {
        let world = try DeliveryWorld()
        let certificate = try ReceiverCertificate()
        try world.trust(certificate.certificate)
        let receiver = try Receiver(certificate)
        let (subscription, _) = try world.subscribe(receiver.url)
        let event = try world.record(.keyCreated)
        let guarded = WebhookDispatcher(store: world.store, clock: world.clock, baseURL: DeliveryWorld.baseURL)
        let report = try guarded.deliverDue(now: world.clock.now)
        #expect(report.delivered == 0 && report.failed == 1)
        #expect(try receiver.requests().isEmpty, "no connection reached the receiver")
        let delivery = try world.delivery(subscription)
        #expect(delivery.lastError?.contains("127.0.0.1") == true, "\(delivery.lastError ?? "")")
        #expect(delivery.lastError?.contains("local address") == true)
        world.clock.advance(by: 2)
        #expect(try world.dispatcher().deliverDue(now: world.clock.now).delivered == 1)
        #expect(try receiver.requests().first?.eventIDs() == [event])
    }

    @Test(
        arguments: [
            ("127.0.0.1", true), ("127.255.0.9", true), ("0.0.0.0", true), ("169.254.169.254", true),
            ("224.0.0.1", true), ("255.255.255.255", true), ("10.1.2.3", false), ("172.16.0.1", false),
            ("192.168.1.10", false), ("8.8.8.8", false),
        ]
    )
    func ipv4AddressesAreLocalOrNot(_ address: String, _ local: Bool) {
        let octets = address.split(separator: ".").compactMap { UInt8($0) }
        #expect(WebhookTargetPolicy.denyLocal.allows(ipv4: octets) == !local, "\(address)")
        #expect(WebhookTargetPolicy.allowLocal.allows(ipv4: octets))
    }

    @Test func ipv6AddressesAreLocalOrNot() {
        func bytes(_ groups: [UInt16]) -> [UInt8] { groups.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } }
        let loopback = bytes([0, 0, 0, 0, 0, 0, 0, 1])
        let unspecified = bytes([0, 0, 0, 0, 0, 0, 0, 0])
        let linkLocal = bytes([0xFE80, 0, 0, 0, 0, 0, 0, 1])
        let mappedLoopback = bytes([0, 0, 0, 0, 0, 0xFFFF, 0x7F00, 0x0001])
        let mappedPublic = bytes([0, 0, 0, 0, 0, 0xFFFF, 0x0808, 0x0808])
        let uniqueLocal = bytes([0xFD00, 0, 0, 0, 0, 0, 0, 1])
        let global = bytes([0x2001, 0x0DB8, 0, 0, 0, 0, 0, 1])
        for local in [loopback, unspecified, linkLocal, mappedLoopback, bytes([0xFF02, 0, 0, 0, 0, 0, 0, 1])] {
            #expect(!WebhookTargetPolicy.denyLocal.allows(ipv6: local))
        }
        for remote in [mappedPublic, uniqueLocal, global] {
            #expect(WebhookTargetPolicy.denyLocal.allows(ipv6: remote))
        }
    }

    @Test func aDisabledSubscriptionHoldsItsEventsAndSendsThoseOfTheLastTwoWeeksWhenEnabled() throws {
        let world = try DeliveryWorld()
        let certificate = try ReceiverCertificate()
        try world.trust(certificate.certificate)
        let receiver = try Receiver(certificate)
        let (subscription, _) = try world.subscribe(receiver.url) { $0.enabled = false }
        try world.record(.keyCreated)  // will be 15 days old when the subscription is enabled
        world.clock.advance(by: 15 * 86400)
        let recent = try world.record(.keyCreated)
        #expect(try world.dispatcher().deliverDue(now: world.clock.now) == .init())
        #expect(try receiver.requests().isEmpty)
        var enabled = SubscriptionRequest(
            name: subscription.name,
            enabled: true,
            verifyTLSCertificates: true,
            includedActionTypes: subscription.includedActionTypes,
            url: subscription.url
        )
        enabled.headers = subscription.headers
        _ = try world.subscriptions.update(subscription.id, in: world.environment.id, with: enabled)
        #expect(try world.dispatcher().deliverDue(now: world.clock.now).delivered == 1)
        #expect(try receiver.requests().map { try $0.eventIDs() } == [[recent]])
    }

    @Test func theGateDecidesWhetherTheBackgroundThreadDelivers() throws {
        let world = try DeliveryWorld()
        let certificate = try ReceiverCertificate()
        try world.trust(certificate.certificate)
        let receiver = try Receiver(certificate)
        _ = try world.subscribe(receiver.url)
        let event = try world.record(.keyCreated)
        let leaseHeld = Mutex(false)
        let dispatcher = WebhookDispatcher(
            store: world.store,
            clock: world.clock,
            baseURL: DeliveryWorld.baseURL,
            transport: CurlTransport(targets: .allowLocal),
            interval: .milliseconds(50),
            gate: { _ in leaseHeld.withLock { $0 } }
        )
        dispatcher.start()
        usleep(400_000)
        #expect(try receiver.requests().isEmpty, "no pass while another node holds the lease")
        leaseHeld.withLock { $0 = true }
        var waited = 0
        while try receiver.requests().isEmpty, waited < 100 {
            usleep(50_000)
            waited += 1
        }
        #expect(dispatcher.stopAndWait(timeout: .seconds(5)))
        #expect(try receiver.requests().map { try $0.eventIDs() } == [[event]])
    }
}
