import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Rows of `audit_events`: appended in the transaction of the change they record, read by
/// environment and time range, keyset-paged by (`recorded_at`, `id`).
extension SQLiteTransaction {
    static let auditEvents = SQLiteTable(
        name: "audit_events",
        columns: [
            "id", "environment_id", "organization_id", "recorded_at", "created_at", "correlation_id", "action_type",
            "actor_client_id", "actor_name", "actor_environment_id", "resource_type", "resource_id", "resource_name",
            "resource_environment_id", "result_status", "result_description", "client_address",
        ],
        fixed: [],
        keyColumns: ["id"],
        sealed: false
    )

    func insert(_ event: AuditEvent) throws {
        try appending().run(Self.auditEvents.insert, Self.values(event))
    }

    func auditEvent(id: UUID, environmentID: UUID) throws -> AuditEvent? {
        try reading().queryFirst(
            Self.auditEvents.select + " WHERE id = ? AND environment_id = ?",
            [.uuid(id), .uuid(environmentID)],
            Self.decodeAuditEvent
        )
    }

    /// One page of `query`: one row more than the limit is read to learn whether another follows.
    func auditEvents(_ query: AuditQuery) throws -> AuditPage {
        var sql = Self.auditEvents.select + " WHERE environment_id = ?"
        var values: [SQLiteValue] = [.uuid(query.environmentID)]
        if let earliest = query.earliest {
            sql += " AND recorded_at >= ?"
            values.append(.date(earliest))
        }
        if let before = query.before {
            sql += " AND recorded_at < ?"
            values.append(.date(before))
        }
        switch query.criterion {
        case .none: break
        case .actionTypes(let types):
            sql += " AND action_type IN (\(Array(repeating: "?", count: max(types.count, 1)).joined(separator: ", ")))"
            values += types.isEmpty ? [.null] : types.map { .text($0) }
        case .resourceID(let id):
            sql += " AND resource_id = ?"
            values.append(.text(id.lowercased()))
        case .resourceType(let type):
            sql += " AND resource_type = ?"
            values.append(.text(type))
        case .actorClientID(let id):
            sql += " AND actor_client_id = ?"
            values.append(.text(id.lowercased()))
        case .correlationID(let id):
            sql += " AND correlation_id = ?"
            values.append(.text(id))
        }
        if let after = query.after {
            sql += " AND (recorded_at, id) > (?, ?)"
            values += [.date(after.recordedAt), .uuid(after.id)]
        }
        let limit = max(query.limit, 1)
        sql += " ORDER BY recorded_at, id LIMIT ?"
        values.append(.int(limit + 1))
        var events = try reading().query(sql, values, Self.decodeAuditEvent)
        let hasMore = events.count > limit
        if hasMore { events.removeLast(events.count - limit) }
        return AuditPage(events: events, next: hasMore ? events.last.map(AuditCursor.init(after:)) : nil)
    }

    private static func values(_ event: AuditEvent) -> [SQLiteValue] {
        [
            .uuid(event.id), .uuid(event.environmentID), .uuid(event.organizationID), .date(event.recordedAt),
            .date(event.createdAt), .text(event.correlationID), .text(event.action.rawValue),
            .uuid(event.actor?.clientID), .text(event.actor?.name), .uuid(event.actor?.environmentID),
            .text(event.resource?.type), .uuid(event.resource?.id), .text(event.resource?.name),
            .uuid(event.resource?.environmentID), .text(event.result.status.rawValue), .text(event.result.description),
            .text(event.clientAddress),
        ]
    }

    static func decodeAuditEvent(_ row: inout SQLiteRow) throws(StoreError) -> AuditEvent {
        let id = try row.uuid()
        let environmentID = try row.uuid()
        let organizationID = try row.uuid()
        let recordedAt = try row.date()
        let createdAt = try row.date()
        let correlationID = row.optionalText()
        let action = try row.value(AuditAction.self)
        let actorID = try row.optionalUUID()
        let actorName = row.optionalText()
        let actorEnvironmentID = try row.optionalUUID()
        let resourceType = row.optionalText()
        let resourceID = try row.optionalUUID()
        let resourceName = row.optionalText()
        let resourceEnvironmentID = try row.optionalUUID()
        let status = try row.value(AuditResult.Status.self)
        let description = try row.text()
        let clientAddress = row.optionalText()
        var actor: AuditActor?
        if let actorID, let actorEnvironmentID {
            actor = AuditActor(clientID: actorID, name: actorName ?? "", environmentID: actorEnvironmentID)
        }
        var resource: AuditResource?
        if let resourceType, let resourceID, let resourceEnvironmentID {
            resource = AuditResource(
                type: resourceType,
                id: resourceID,
                name: resourceName ?? "",
                environmentID: resourceEnvironmentID
            )
        }
        return AuditEvent(
            id: id,
            environmentID: environmentID,
            organizationID: organizationID,
            recordedAt: recordedAt,
            createdAt: createdAt,
            correlationID: correlationID,
            action: action,
            actor: actor,
            resource: resource,
            result: AuditResult(status: status, description: description),
            clientAddress: clientAddress
        )
    }
}
