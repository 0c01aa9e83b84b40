import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The store side of webhook delivery: which subscriptions are due, their next batch, what a
/// delivery needs to sign and to open TLS, and the outcome of each attempt. The sending itself
/// lives in KeywardWebhooks.
public struct SubscriptionDeliveryService: Sendable {
    let store: any Store

    public init(store: any Store) {
        self.store = store
    }

    /// The enabled subscriptions, of every environment, whose next attempt is due at `now`.
    public func due(at now: Date) throws(CoreError) -> [DueSubscription] {
        try StoreAccess.read(store) { try $0.dueSubscriptions(at: now) }
    }

    /// The next batch of `due`: matching events after its cursor, recorded within
    /// `Subscription.eventRetention` of `now`, at most the subscription's payload limit.
    public func nextBatch(for due: DueSubscription, at now: Date) throws(CoreError) -> DeliveryBatch {
        let subscription = due.subscription
        let query = DeliveryQuery(
            environmentID: subscription.environmentID,
            after: due.delivery.cursor,
            actionTypes: subscription.includedActionTypes,
            actorClientIDs: subscription.includedApplicationIDs,
            recordedSince: now.addingTimeInterval(-Subscription.eventRetention),
            limit: subscription.maximumEventsPerPayload
        )
        return try StoreAccess.read(store) { try $0.deliveryBatch(query) }
    }

    /// The signing secret and TLS material of `subscription`, read in one transaction.
    public func material(for subscription: Subscription) throws(CoreError) -> DeliveryMaterial {
        try StoreAccess.read(store) { reader in
            guard let secret = try reader.subscriptionSigningSecret(id: subscription.id) else {
                throw CoreError.storeFailure("subscription \(subscription.id.lowercaseString) has no signing secret")
            }
            var material = DeliveryMaterial(
                signingSecret: secret,
                trustedCertificatesPEM: subscription.verifyTLSCertificates
                    ? try Self.trustedCertificates(subscription.environmentID, reader) : []
            )
            if let keyID = subscription.tlsClientAuthKeyID {
                guard let key = try reader.key(id: keyID, environmentID: subscription.environmentID),
                    let privateKey = try reader.privateKey(recordID: keyID)
                else {
                    throw CoreError.storeFailure("the TLS client key \(keyID.lowercaseString) is missing")
                }
                var chain = try Certificate(parsing: key.certificateDER).pemRepresentation()
                for issuer in key.trustChain {
                    if !chain.hasSuffix("\n") { chain += "\n" }
                    chain += issuer
                }
                material.clientCertificateChainPEM = Array(chain.utf8)
                material.clientPrivateKeyPEM = Array(try privateKey.pkcs8PEM().utf8)
            }
            return material
        }
    }

    /// Records a `2xx` for the batch read at `cursor` (or, with `deliveredAt` `nil`, a batch of no
    /// matching events): the cursor moves to `through` and the retry state clears. Returns `false`,
    /// changing nothing, when the cursor has moved meanwhile.
    @discardableResult
    public func recordSuccess(_ subscriptionID: UUID, from cursor: Int64, through: Int64, deliveredAt: Date?)
        throws(CoreError) -> Bool
    {
        try StoreAccess.write(store) {
            try $0.advanceSubscriptionCursor(id: subscriptionID, from: cursor, to: through, deliveredAt: deliveredAt)
        }
    }

    /// Records a failed attempt: the same batch is tried again after `DeliveryBackoff`'s delay.
    public func recordFailure(_ due: DueSubscription, reason: String, at now: Date, jitter: Double) throws(CoreError) {
        let attempts = due.delivery.attempts + 1
        let next = now.addingTimeInterval(DeliveryBackoff.delay(afterFailures: attempts, jitter: jitter))
        try StoreAccess.write(store) { writer in
            try writer.recordSubscriptionFailure(
                id: due.subscription.id,
                attempts: attempts,
                nextAttemptAt: next,
                lastError: String(reason.prefix(500))
            )
        }
    }

    private static func trustedCertificates(_ environmentID: UUID, _ reader: any StoreReader) throws -> [UInt8] {
        var bundle = ""
        var cursor: UUID?
        repeat {
            let page = try reader.certificates(environmentID: environmentID, after: cursor, limit: 1000)
            for certificate in page.items where certificate.usageType == .sslTLS {
                bundle += try Certificate(parsing: certificate.certificateDER).pemRepresentation()
                if !bundle.hasSuffix("\n") { bundle += "\n" }
            }
            cursor = page.nextCursor
        } while cursor != nil
        return Array(bundle.utf8)
    }
}
