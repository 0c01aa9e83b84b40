import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Rows of `subscriptions` (settings and the sealed signing secret) and `subscription_deliveries`
/// (cursor and retry state), scoped to an environment like applications.
extension SQLiteTransaction {
    static let subscriptions = SQLiteTable(
        name: "subscriptions",
        columns: [
            "id", "environment_id", "name", "enabled", "verify_tls_certificates", "included_action_types",
            "included_applications", "ip_address_exposed", "user_agent_exposed", "url", "headers",
            "tls_client_auth_key_id", "maximum_events_per_payload", "payload_format", "pretty_print", "created_at",
            "updated_at",
        ],
        fixed: ["created_at"],
        keyColumns: ["id", "environment_id"],
        sealed: false
    )
    private static let deliveryColumnList = [
        "delivered_through", "attempts", "next_attempt_at", "last_error", "last_delivered_at",
    ]
    private static let deliveryColumns = deliveryColumnList.joined(separator: ", ")

    func subscription(id: UUID, environmentID: UUID) throws -> Subscription? {
        try reading().queryFirst(
            Self.subscriptions.select + " WHERE id = ? AND environment_id = ?",
            [.uuid(id), .uuid(environmentID)],
            Self.decodeSubscription
        )
    }

    func subscriptions(environmentID: UUID) throws -> [Subscription] {
        try reading().query(
            Self.subscriptions.select + " WHERE environment_id = ? ORDER BY id",
            [.uuid(environmentID)],
            Self.decodeSubscription
        )
    }

    func subscriptions(usingKey keyID: UUID, environmentID: UUID) throws -> [Subscription] {
        try reading().query(
            Self.subscriptions.select + " WHERE tls_client_auth_key_id = ? AND environment_id = ? ORDER BY id",
            [.uuid(keyID), .uuid(environmentID)],
            Self.decodeSubscription
        )
    }

    func subscriptionSigningSecret(id: UUID) throws -> [UInt8]? {
        let sealed = try reading().queryFirst(
            "SELECT wrapped_data_key, sealed_signing_secret FROM subscriptions WHERE id = ?",
            [.uuid(id)]
        ) { row throws(StoreError) in SealedSecret(wrappedDataKey: try row.blob(), sealedSecret: try row.blob()) }
        return try sealed.map { try sealer.open($0, recordID: id) }
    }

    func subscriptionDelivery(id: UUID) throws -> SubscriptionDelivery? {
        try reading().queryFirst(
            "SELECT \(Self.deliveryColumns) FROM subscription_deliveries WHERE subscription_id = ?",
            [.uuid(id)]
        ) { row throws(StoreError) in try Self.decodeDelivery(&row, id) }
    }

    func dueSubscriptions(at now: Date) throws -> [DueSubscription] {
        let settings = Self.subscriptions.columns.map { "s.\($0)" }.joined(separator: ", ")
        let delivery = Self.deliveryColumnList.map { "d.\($0)" }
        return try reading().query(
            "SELECT \(settings), \(delivery.joined(separator: ", ")) FROM subscriptions s"
                + " JOIN subscription_deliveries d ON d.subscription_id = s.id"
                + " WHERE s.enabled = 1 AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= ?) ORDER BY s.id",
            [.date(now)]
        ) { row throws(StoreError) in
            let subscription = try Self.decodeSubscription(&row)
            return DueSubscription(subscription: subscription, delivery: try Self.decodeDelivery(&row, subscription.id))
        }
    }

    /// The events after `query.after` in `rowid` order, one environment's, filtered in SQL.
    func deliveryBatch(_ query: DeliveryQuery) throws -> DeliveryBatch {
        var sql =
            "SELECT rowid, " + Self.auditEvents.columns.joined(separator: ", ")
            + " FROM audit_events WHERE environment_id = ? AND rowid > ? AND recorded_at >= ?"
        var values: [SQLiteValue] = [.uuid(query.environmentID), .integer(query.after), .date(query.recordedSince)]
        sql += " AND action_type IN (\(Self.placeholders(query.actionTypes.count)))"
        values += query.actionTypes.isEmpty ? [.null] : query.actionTypes.map { .text($0) }
        if !query.actorClientIDs.isEmpty {
            sql += " AND actor_client_id IN (\(Self.placeholders(query.actorClientIDs.count)))"
            values += query.actorClientIDs.map { .uuid($0) }
        }
        let limit = max(query.limit, 1)
        sql += " ORDER BY rowid LIMIT ?"
        values.append(.int(limit))
        let connection = try reading()
        let rows = try connection.query(sql, values) { row throws(StoreError) in
            (position: try row.integer(), event: try Self.decodeAuditEvent(&row))
        }
        var through = rows.last?.position ?? query.after
        if rows.count < limit {
            let end = try connection.queryFirst("SELECT coalesce(max(rowid), 0) FROM audit_events", []) {
                row throws(StoreError) in try row.integer()
            }
            through = max(through, end ?? 0)
        }
        return DeliveryBatch(events: rows.map(\.event), through: through)
    }

    func insert(_ subscription: Subscription, signingSecret: [UInt8]) throws {
        let sealed = try sealer.seal(secret: signingSecret, recordID: subscription.id)
        let columns = Self.subscriptions.columns + ["wrapped_data_key", "sealed_signing_secret"]
        try writing().run(
            "INSERT INTO subscriptions (\(columns.joined(separator: ", "))) VALUES (\(Self.placeholders(columns.count)))",
            try Self.values(subscription) + [.blob(sealed.wrappedDataKey), .blob(sealed.sealedSecret)]
        )
        try writing().run(
            "INSERT INTO subscription_deliveries (subscription_id, \(Self.deliveryColumns))"
                + " SELECT ?, coalesce(max(rowid), 0), 0, NULL, NULL, NULL FROM audit_events",
            [.uuid(subscription.id)]
        )
    }

    func update(_ subscription: Subscription) throws {
        try changeOne(
            Self.subscriptions.update,
            Self.subscriptions.updateBindings(try Self.values(subscription)),
            missing: "no subscription with this id in this environment"
        )
        try writing().run(
            "UPDATE subscription_deliveries SET attempts = 0, next_attempt_at = NULL WHERE subscription_id = ?",
            [.uuid(subscription.id)]
        )
    }

    /// Deletes the subscription; its delivery state goes with it (`ON DELETE CASCADE`), and
    /// `secure_delete` zeroes the sealed secret's pages.
    func deleteSubscription(id: UUID, environmentID: UUID) throws {
        try changeOne(
            "DELETE FROM subscriptions WHERE id = ? AND environment_id = ?",
            [.uuid(id), .uuid(environmentID)],
            missing: "no subscription with this id in this environment"
        )
    }

    func setSubscriptionSigningSecret(_ secret: [UInt8], id: UUID) throws {
        let sealed = try sealer.seal(secret: secret, recordID: id)
        try changeOne(
            "UPDATE subscriptions SET wrapped_data_key = ?, sealed_signing_secret = ? WHERE id = ?",
            [.blob(sealed.wrappedDataKey), .blob(sealed.sealedSecret), .uuid(id)],
            missing: "no subscription with this id"
        )
    }

    func advanceSubscriptionCursor(id: UUID, from: Int64, to: Int64, deliveredAt time: Date?) throws -> Bool {
        try writing().run(
            "UPDATE subscription_deliveries SET delivered_through = ?, attempts = 0, next_attempt_at = NULL,"
                + " last_error = NULL, last_delivered_at = coalesce(?, last_delivered_at)"
                + " WHERE subscription_id = ? AND delivered_through = ?",
            [.integer(to), .date(time), .uuid(id), .integer(from)]
        ) == 1
    }

    /// A subscription deleted while its delivery was in flight has no row left: nothing to record.
    func recordSubscriptionFailure(id: UUID, attempts: Int, nextAttemptAt: Date, lastError: String) throws {
        try writing().run(
            "UPDATE subscription_deliveries SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE subscription_id = ?",
            [.int(attempts), .date(nextAttemptAt), .text(lastError), .uuid(id)]
        )
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: max(count, 1)).joined(separator: ", ")
    }

    private static func values(_ subscription: Subscription) throws -> [SQLiteValue] {
        [
            .uuid(subscription.id), .uuid(subscription.environmentID), .text(subscription.name),
            .bool(subscription.enabled), .bool(subscription.verifyTLSCertificates),
            .text(try json(subscription.includedActionTypes)),
            .text(try json(subscription.includedApplicationIDs.map(\.lowercaseString))),
            .bool(subscription.ipAddressExposed), .bool(subscription.userAgentExposed), .text(subscription.url),
            .text(try json(subscription.headers)), .uuid(subscription.tlsClientAuthKeyID),
            .int(subscription.maximumEventsPerPayload), .text(subscription.payloadFormat.rawValue),
            .bool(subscription.prettyPrint), .date(subscription.createdAt), .date(subscription.updatedAt),
        ]
    }

    private static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private static func decodeJSON<Value: Decodable>(_ type: Value.Type, _ text: String, column: String)
        throws(StoreError) -> Value
    {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw .corruptRecord("subscriptions.\(column) is not the JSON expected")
        }
    }

    private static func decodeSubscription(_ row: inout SQLiteRow) throws(StoreError) -> Subscription {
        let id = try row.uuid()
        let environmentID = try row.uuid()
        let name = try row.text()
        let enabled = try row.bool()
        let verify = try row.bool()
        let actionTypes = try decodeJSON([String].self, try row.text(), column: "included_action_types")
        let applicationTexts = try decodeJSON([String].self, try row.text(), column: "included_applications")
        let applications = applicationTexts.compactMap { UUID(uuidString: $0) }
        guard applications.count == applicationTexts.count else {
            throw .corruptRecord("subscriptions.included_applications holds a value that is not a UUID")
        }
        let ipAddressExposed = try row.bool()
        let userAgentExposed = try row.bool()
        let url = try row.text()
        let headers = try decodeJSON([String: String].self, try row.text(), column: "headers")
        return Subscription(
            id: id,
            environmentID: environmentID,
            name: name,
            enabled: enabled,
            verifyTLSCertificates: verify,
            includedActionTypes: actionTypes,
            includedApplicationIDs: applications,
            ipAddressExposed: ipAddressExposed,
            userAgentExposed: userAgentExposed,
            url: url,
            headers: headers,
            tlsClientAuthKeyID: try row.optionalUUID(),
            maximumEventsPerPayload: try row.int(),
            payloadFormat: try row.value(PayloadFormat.self),
            prettyPrint: try row.bool(),
            createdAt: try row.date(),
            updatedAt: try row.date()
        )
    }

    private static func decodeDelivery(_ row: inout SQLiteRow, _ id: UUID) throws(StoreError) -> SubscriptionDelivery {
        SubscriptionDelivery(
            subscriptionID: id,
            cursor: try row.integer(),
            attempts: try row.int(),
            nextAttemptAt: row.optionalDate(),
            lastError: row.optionalText(),
            lastDeliveredAt: row.optionalDate()
        )
    }
}
