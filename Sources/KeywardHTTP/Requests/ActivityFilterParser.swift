import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reads the `filter` of the activities query, PingOne's grammar:
///
///     recordedAt gt "2026-01-01T00:00:00.000Z" and recordedAt lt "2026-02-01T00:00:00.000Z"
///         and action.type in ["KEY.CREATED", "KEY.DELETED"]
///
/// Clauses are joined by `and`. A time bound on `recordedAt` (or `createdAt`, the same instant in
/// Keyward) with `gt`, `ge`, `lt` or `le` is required; beside the range at most one of
/// `action.type eq|in`, `resources.id eq`, `resources.type eq`, `actors.client.id eq`,
/// `correlationId eq`. Attribute names, operators and `and` ignore case (PingOne's clients send
/// both `recordedat` and `recordedAt`); values are double-quoted; an `in` list is in `[…]` or `(…)`.
/// Anything else is `INVALID_FILTER`.
enum ActivityFilterParser {
    /// The query the filter describes, for `environmentID`.
    static func parse(_ text: String, environmentID: UUID) throws(HTTPError) -> AuditQuery {
        var query = AuditQuery(environmentID: environmentID)
        var tokens = try FilterTokens(text)
        repeat {
            try clause(&tokens, into: &query)
        } while try tokens.takeAnd()
        guard tokens.isAtEnd else { throw .invalidFilter(reason: "expected 'and' before \(tokens.describeNext())") }
        guard query.earliest != nil || query.before != nil else {
            throw .invalidFilter(
                reason: "a time range is required: recordedAt gt|ge|lt|le \"yyyy-MM-ddTHH:mm:ss.SSSZ\""
            )
        }
        return query
    }

    private static func clause(_ tokens: inout FilterTokens, into query: inout AuditQuery) throws(HTTPError) {
        let attribute = try tokens.word("an attribute").lowercased()
        let operation = try tokens.word("an operator after \(attribute)").lowercased()
        switch (attribute, operation) {
        case ("recordedat", _), ("createdat", _):
            let date = try time(try tokens.quoted(attribute))
            let millisecond = 0.001
            switch operation {
            case "gt": query.earliest = later(query.earliest, date.addingTimeInterval(millisecond))
            case "ge": query.earliest = later(query.earliest, date)
            case "lt": query.before = earlier(query.before, date)
            case "le": query.before = earlier(query.before, date.addingTimeInterval(millisecond))
            default: throw .invalidFilter(reason: "\(attribute) takes gt, ge, lt or le, not '\(operation)'")
            }
        case ("action.type", "eq"): try set(&query, .actionTypes([try tokens.quoted(attribute)]))
        case ("action.type", "in"): try set(&query, .actionTypes(try tokens.list(attribute)))
        case ("resources.id", "eq"): try set(&query, .resourceID(try tokens.quoted(attribute)))
        case ("resources.type", "eq"): try set(&query, .resourceType(try tokens.quoted(attribute)))
        case ("actors.client.id", "eq"), ("actor.client.id", "eq"):
            try set(&query, .actorClientID(try tokens.quoted(attribute)))
        case ("correlationid", "eq"): try set(&query, .correlationID(try tokens.quoted(attribute)))
        case ("action.type", _), ("resources.id", _), ("resources.type", _), ("actors.client.id", _),
            ("actor.client.id", _), ("correlationid", _):
            throw .invalidFilter(reason: "\(attribute) does not take '\(operation)'")
        default:
            throw .invalidFilter(
                reason:
                    "'\(attribute)' cannot be filtered on; supported: recordedAt, createdAt, action.type, resources.id, "
                    + "resources.type, actors.client.id, correlationId"
            )
        }
    }

    private static func set(_ query: inout AuditQuery, _ criterion: AuditQuery.Criterion) throws(HTTPError) {
        guard query.criterion == nil else {
            throw .invalidFilter(
                reason: "besides the time range, a filter may have one condition on action.type, resources.id, "
                    + "resources.type, actors.client.id or correlationId"
            )
        }
        query.criterion = criterion
    }

    private static func later(_ current: Date?, _ date: Date) -> Date { current.map { max($0, date) } ?? date }
    private static func earlier(_ current: Date?, _ date: Date) -> Date { current.map { min($0, date) } ?? date }

    private static func time(_ text: String) throws(HTTPError) -> Date {
        guard let date = FilterTime.parse(text) else {
            throw .invalidFilter(reason: "'\(text)' is not a time of the form yyyy-MM-ddTHH:mm:ss.SSSZ")
        }
        return date
    }
}
