import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Creates, reads, replaces and deletes webhook subscriptions, and rotates their signing secrets.
///
/// Every change writes its `SUBSCRIPTION.*` event in the same transaction. A signing secret
/// (32 random bytes, base64url) is shown once, when it is made; the store keeps it sealed.
public struct SubscriptionService: Sendable {
    let store: any Store
    let clock: any Clock

    public init(store: any Store, clock: any Clock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    /// A new subscription of `environmentID` and its signing secret. Delivery starts at the end of
    /// the audit log: events written before the subscription are not sent.
    public func create(_ request: SubscriptionRequest, in environmentID: UUID) throws(CoreError)
        -> (Subscription, signingSecret: String)
    {
        try SubscriptionRules.check(request)
        let secret = try Self.newSigningSecret()
        let now = clock.nowToTheMillisecond
        let subscription = Self.subscription(
            request,
            id: UUID(),
            environmentID: environmentID,
            createdAt: now,
            now: now
        )
        try StoreAccess.write(store) { writer in
            _ = try writer.requireEnvironment(environmentID)
            try SubscriptionRules.checkClientKey(request, in: environmentID, reader: writer)
            guard try writer.subscriptions(environmentID: environmentID).count < Subscription.limitPerEnvironment else {
                throw CoreError.limitExceeded(resource: "subscriptions", limit: Subscription.limitPerEnvironment)
            }
            try AuditLog.record(
                .subscriptionCreated,
                subscription: subscription,
                "Created Subscription \(subscription.name)",
                at: now,
                in: writer
            )
            // After its own event: a subscription starts at the end of the log.
            try writer.insert(subscription, signingSecret: Array(secret.utf8))
        }
        return (subscription, secret)
    }

    /// The subscriptions of `environmentID`, ordered by id.
    public func list(in environmentID: UUID) throws(CoreError) -> [Subscription] {
        try StoreAccess.read(store) { reader in
            _ = try reader.requireEnvironment(environmentID)
            return try reader.subscriptions(environmentID: environmentID)
        }
    }

    /// The subscription `id` of `environmentID`.
    public func get(_ id: UUID, in environmentID: UUID) throws(CoreError) -> Subscription {
        try StoreAccess.read(store) { try Self.require(id, in: environmentID, $0) }
    }

    /// Replaces what a client may set; id, creation time, signing secret and delivery position
    /// stay. A pending retry is tried again at once, with the new settings.
    public func update(_ id: UUID, in environmentID: UUID, with request: SubscriptionRequest) throws(CoreError)
        -> Subscription
    {
        try SubscriptionRules.check(request)
        let now = clock.nowToTheMillisecond
        return try StoreAccess.write(store) { writer in
            let current = try Self.require(id, in: environmentID, writer)
            try SubscriptionRules.checkClientKey(request, in: environmentID, reader: writer)
            let subscription = Self.subscription(
                request,
                id: id,
                environmentID: environmentID,
                createdAt: current.createdAt,
                now: now
            )
            try writer.update(subscription)
            try AuditLog.record(
                .subscriptionUpdated,
                subscription: subscription,
                "Updated Subscription \(subscription.name)",
                at: now,
                in: writer
            )
            return subscription
        }
    }

    /// Deletes the subscription, its signing secret and its delivery position.
    public func delete(_ id: UUID, in environmentID: UUID) throws(CoreError) {
        let now = clock.nowToTheMillisecond
        try StoreAccess.write(store) { writer in
            let subscription = try Self.require(id, in: environmentID, writer)
            try writer.deleteSubscription(id: id, environmentID: environmentID)
            try AuditLog.record(
                .subscriptionDeleted,
                subscription: subscription,
                "Deleted Subscription \(subscription.name)",
                at: now,
                in: writer
            )
        }
    }

    /// Replaces the signing secret and returns the new one, once; the old one stops at once.
    public func rotateSigningSecret(_ id: UUID, in environmentID: UUID) throws(CoreError)
        -> (Subscription, signingSecret: String)
    {
        let secret = try Self.newSigningSecret()
        let now = clock.nowToTheMillisecond
        let subscription = try StoreAccess.write(store) { writer in
            var subscription = try Self.require(id, in: environmentID, writer)
            subscription.updatedAt = now
            try writer.update(subscription)
            try writer.setSubscriptionSigningSecret(Array(secret.utf8), id: id)
            try AuditLog.record(
                .subscriptionUpdated,
                subscription: subscription,
                "Rotated the signing secret of Subscription \(subscription.name)",
                at: now,
                in: writer
            )
            return subscription
        }
        return (subscription, secret)
    }

    /// Where delivery of subscription `id` stands (for operators and tests).
    public func delivery(_ id: UUID, in environmentID: UUID) throws(CoreError) -> SubscriptionDelivery {
        try StoreAccess.read(store) { reader in
            _ = try Self.require(id, in: environmentID, reader)
            guard let delivery = try reader.subscriptionDelivery(id: id) else {
                throw CoreError.storeFailure("subscription \(id.lowercaseString) has no delivery state")
            }
            return delivery
        }
    }

    /// 32 random bytes, base64url: the text is the HMAC key deliveries are signed with.
    static func newSigningSecret() throws(CoreError) -> String {
        try StoreAccess.translate { Base64URL.encode(try SecureRandom.bytes(count: 32)) }
    }

    static func require(_ id: UUID, in environmentID: UUID, _ reader: any StoreReader) throws -> Subscription {
        _ = try reader.requireEnvironment(environmentID)
        guard let subscription = try reader.subscription(id: id, environmentID: environmentID) else {
            throw CoreError.notFound(resource: "Subscription", id: id.lowercaseString)
        }
        return subscription
    }

    private static func subscription(
        _ request: SubscriptionRequest,
        id: UUID,
        environmentID: UUID,
        createdAt: Date,
        now: Date
    ) -> Subscription {
        Subscription(
            id: id,
            environmentID: environmentID,
            name: request.name,
            enabled: request.enabled,
            verifyTLSCertificates: request.verifyTLSCertificates,
            includedActionTypes: request.includedActionTypes,
            includedApplicationIDs: request.includedApplicationIDs,
            ipAddressExposed: request.ipAddressExposed,
            userAgentExposed: request.userAgentExposed,
            url: request.url,
            headers: request.headers,
            tlsClientAuthKeyID: request.tlsClientAuthKeyID,
            maximumEventsPerPayload: request.maximumEventsPerPayload,
            payloadFormat: request.payloadFormat,
            prettyPrint: request.prettyPrint,
            createdAt: createdAt,
            updatedAt: now
        )
    }
}
