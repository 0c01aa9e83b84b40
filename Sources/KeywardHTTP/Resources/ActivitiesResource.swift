import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `/v1/environments/{environmentID}/activities[/{activityID}]`: the audit log, as PingOne's
/// activities. `GET` takes `filter`, `limit` and `cursor` in the query; `POST` takes them in a
/// JSON body (so that filter values stay out of URLs and access logs). The filter grammar is
/// `ActivityFilterParser`'s. `Accept: application/x-ndjson` answers the matching events as JSON
/// lines instead of a page.
struct ActivitiesResource {
    let services: APIServices

    /// The media type of the JSON lines export.
    static let jsonLinesType = "application/x-ndjson"
    /// The page size when `limit` is absent, as PingOne.
    static let defaultLimit = 100
    /// At most this many events per JSON lines answer; a `Link: <…>; rel="next"` header continues.
    static let exportLimit = 100_000

    /// The POST body: PingOne's `filter` and `limit`; `cursor` (or PingOne's `offset`) continues a listing.
    struct QueryBody: Decodable {
        var filter: String?
        var limit: Int?
        var cursor: String?
        var offset: String?
    }

    func register(in router: inout Router) {
        router.add(.get, "/v1/environments/{environmentID}/activities", handler: list)
        router.add(.post, "/v1/environments/{environmentID}/activities", handler: search)
        router.add(.get, "/v1/environments/{environmentID}/activities/{activityID}", handler: get)
    }

    @Sendable func list(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try Authentication.environment(
            request,
            context,
            services: services,
            permission: .readActivity
        )
        return try answer(
            request,
            environmentID,
            filter: request.queryValue("filter"),
            limit: request.queryValue("limit"),
            cursor: request.queryValue("cursor")
        )
    }

    @Sendable func search(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try Authentication.environment(
            request,
            context,
            services: services,
            permission: .readActivity
        )
        let body = try JSONRequestBody.decode(QueryBody.self, from: request)
        return try answer(
            request,
            environmentID,
            filter: body.filter,
            limit: body.limit.map(String.init),
            cursor: body.cursor ?? body.offset
        )
    }

    @Sendable func get(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try Authentication.environment(
            request,
            context,
            services: services,
            permission: .readActivity
        )
        let id = try Authentication.recordID("activityID", context, resource: "Activity")
        return try .json(ActivityRepresentation(try services.audit.event(id, in: environmentID), services: services))
    }

    private func answer(
        _ request: HTTPRequest,
        _ environmentID: UUID,
        filter: String?,
        limit limitText: String?,
        cursor cursorText: String?
    ) throws -> HTTPResponse {
        let choice = try ExportNegotiation.choose(request, binaryTypes: [Self.jsonLinesType])
        guard let filter else {
            throw HTTPError.invalidFilter(reason: "a filter with a time range on recordedAt is required")
        }
        var query = try ActivityFilterParser.parse(filter, environmentID: environmentID)
        query.limit = try Self.limit(limitText)
        if let cursorText {
            guard let cursor = AuditCursor(text: cursorText) else {
                throw CoreError.invalidValue(field: "cursor", reason: "is not a cursor this server handed out")
            }
            query.after = cursor
        }
        let selfURL = services.apiURL("/environments/\(environmentID.lowercaseString)/activities")
        if choice == Self.jsonLinesType {
            return try jsonLines(query, filter: filter, selfURL: selfURL)
        }
        let page = try services.audit.events(query)
        let next = page.next.map { nextURL(selfURL, filter: filter, limit: query.limit, cursor: $0) }
        return try .json(
            CollectionRepresentation(
                name: "activities",
                items: page.events.map { ActivityRepresentation($0, services: services) },
                selfURL: selfURL,
                nextURL: next,
                count: nil
            )
        )
    }

    /// Every matching event from the cursor on, one JSON object per line, read a page at a time;
    /// at most `exportLimit`, then a `Link` header to the rest.
    private func jsonLines(_ query: AuditQuery, filter: String, selfURL: String) throws -> HTTPResponse {
        let encoder = JSONCoding.makeEncoder()
        var body: [UInt8] = []
        var query = query
        var written = 0
        var next: AuditCursor?
        repeat {
            query.limit = min(AuditService.maximumLimit, Self.exportLimit - written)
            let page = try services.audit.events(query)
            for event in page.events {
                body += try encoder.encode(ActivityRepresentation(event, services: services))
                body.append(UInt8(ascii: "\n"))
            }
            written += page.events.count
            next = page.next
            query.after = next
        } while next != nil && written < Self.exportLimit
        var response = HTTPResponse(status: .ok, headers: ["Content-Type": Self.jsonLinesType], body: body)
        if let next {
            let url = nextURL(selfURL, filter: filter, limit: AuditService.maximumLimit, cursor: next)
            response.headers.set(name: "Link", value: "<\(url)>; rel=\"next\"")
        }
        return response
    }

    private func nextURL(_ selfURL: String, filter: String, limit: Int, cursor: AuditCursor) -> String {
        "\(selfURL)?filter=\(QueryEncoding.escape(filter))&limit=\(limit)&cursor=\(cursor.text)"
    }

    private static func limit(_ text: String?) throws -> Int {
        guard let text else { return defaultLimit }
        guard let value = Int(text), (1...AuditService.maximumLimit).contains(value) else {
            throw CoreError.invalidValue(
                field: "limit",
                reason: "must be an integer from 1 to \(AuditService.maximumLimit)"
            )
        }
        return value
    }
}
