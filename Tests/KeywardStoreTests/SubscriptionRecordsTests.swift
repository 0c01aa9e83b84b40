import Foundation
import KeywardCore
import KeywardCrypto
import Testing

@testable import KeywardStore

/// Subscriptions in SQLite: the signing secret sealed to its row, delivery batches in commit
/// order, the cursor moved only from where it was read, and subscriptions going with their
/// environment.
@Suite struct SubscriptionRecordsTests {
    static func subscription(in environment: Environment, types: [String] = ["KEY.CREATED"]) -> Subscription {
        Subscription(
            id: UUID(),
            environmentID: environment.id,
            name: "hook",
            enabled: true,
            verifyTLSCertificates: true,
            includedActionTypes: types,
            url: "https://siem.example.com/in",
            createdAt: Sample.created,
            updatedAt: Sample.created
        )
    }

    static func event(_ action: AuditAction, in environment: Environment, actor: UUID? = nil) -> AuditEvent {
        AuditEvent(
            id: UUID(),
            environmentID: environment.id,
            organizationID: environment.organizationID,
            recordedAt: Sample.created,
            createdAt: Sample.created,
            correlationID: nil,
            action: action,
            actor: actor.map { AuditActor(clientID: $0, name: "app", environmentID: environment.id) },
            resource: nil,
            result: .success("event"),
            clientAddress: nil
        )
    }

    @Test func theSigningSecretIsSealedToItsRowAndAbsentFromTheFile() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let (_, environment) = try Sample.tenant(in: store)
        let (a, b) = (Self.subscription(in: environment), Self.subscription(in: environment))
        let secretA = Array("secret-of-subscription-a-0123456789abcdefghij".utf8)
        try store.write { writer in
            try writer.insert(a, signingSecret: secretA)
            try writer.insert(b, signingSecret: Array("secret-of-subscription-b-0123456789abcdefghij".utf8))
        }
        #expect(try store.read { try $0.subscriptionSigningSecret(id: a.id) } == secretA)
        #expect(try store.read { try $0.subscription(id: a.id, environmentID: environment.id) } == a)
        expectAbsent(secretA, in: try database.fileBytes(), "subscription A's signing secret")
        let copyFromA =
            "(SELECT wrapped_data_key FROM subscriptions WHERE id = '\(a.id.lowercaseString)'), "
            + "sealed_signing_secret = (SELECT sealed_signing_secret FROM subscriptions WHERE id = '\(a.id.lowercaseString)')"
        try database.rawExecute(
            "UPDATE subscriptions SET wrapped_data_key = \(copyFromA) WHERE id = '\(b.id.lowercaseString)';"
        )
        #expect(
            performing: { try store.read { try $0.subscriptionSigningSecret(id: b.id) } },
            throws: { ($0 as? StoreError) == .sealBroken(recordID: b.id) }
        )
    }

    @Test func aBatchHoldsMatchingEventsInCommitOrderAndPassesTheRest() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let (_, environment) = try Sample.tenant(in: store)
        let (_, other) = try Sample.tenant(in: store, environmentName: "Other")
        let subscription = Self.subscription(in: environment, types: ["KEY.CREATED", "KEY.DELETED"])
        try store.write { try $0.insert(subscription, signingSecret: [1, 2, 3]) }
        let start = try #require(try store.read { try $0.subscriptionDelivery(id: subscription.id) }).cursor
        let events = [
            Self.event(.keyCreated, in: environment), Self.event(.keyUpdated, in: environment),
            Self.event(.keyCreated, in: other), Self.event(.keyDeleted, in: environment),
            Self.event(.keyCreated, in: environment),
        ]
        try store.write { writer in for event in events { try writer.insert(event) } }
        let query = { (after: Int64, limit: Int) in
            DeliveryQuery(
                environmentID: environment.id,
                after: after,
                actionTypes: subscription.includedActionTypes,
                actorClientIDs: [],
                recordedSince: Date(timeIntervalSince1970: 0),
                limit: limit
            )
        }
        let all = try store.read { try $0.deliveryBatch(query(start, 10)) }
        #expect(all.events.map(\.id) == [events[0].id, events[3].id, events[4].id])
        #expect(all.through == start + 5, "fewer than the limit: the cursor may pass the whole log as read")
        let first = try store.read { try $0.deliveryBatch(query(start, 2)) }
        #expect(first.events.map(\.id) == [events[0].id, events[3].id])
        #expect(first.through == start + 4, "a full batch ends at its last event")
        let rest = try store.read { try $0.deliveryBatch(query(first.through, 2)) }
        #expect(rest.events.map(\.id) == [events[4].id])
        #expect(
            try store.write {
                try $0.advanceSubscriptionCursor(id: subscription.id, from: start, to: 9, deliveredAt: nil)
            }
        )
        #expect(
            try !store.write {
                try $0.advanceSubscriptionCursor(id: subscription.id, from: start, to: 12, deliveredAt: nil)
            },
            "a cursor read before another node moved it does not move"
        )
        #expect(try store.read { try $0.subscriptionDelivery(id: subscription.id) }?.cursor == 9)
    }

    @Test func aFailedAttemptIsKeptUntilTheSettingsChangeAndEverythingGoesWithTheEnvironment() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let (_, environment) = try Sample.tenant(in: store)
        let subscription = Self.subscription(in: environment)
        try store.write { try $0.insert(subscription, signingSecret: [1]) }
        let retry = Sample.created.addingTimeInterval(60)
        try store.write {
            try $0.recordSubscriptionFailure(
                id: subscription.id,
                attempts: 3,
                nextAttemptAt: retry,
                lastError: "HTTP 500"
            )
        }
        #expect(try store.read { try $0.dueSubscriptions(at: Sample.created) }.isEmpty)
        #expect(try store.read { try $0.dueSubscriptions(at: retry) }.first?.delivery.attempts == 3)
        try store.write { try $0.update(subscription) }
        #expect(try store.read { try $0.dueSubscriptions(at: Sample.created) }.first?.delivery.attempts == 0)
        try store.write { try $0.deleteEnvironment(id: environment.id) }
        #expect(try store.read { try $0.subscriptionDelivery(id: subscription.id) } == nil)
        #expect(try store.read { try $0.subscriptionSigningSecret(id: subscription.id) } == nil)
    }
}
