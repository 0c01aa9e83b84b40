import KeywardCore

/// Finds the handler for a request by method and path, runs it, and turns any error it
/// throws into a PingOne error body: the one catch-all between resources and the wire.
///
/// Build it once (see `Routes`), then share it: it is immutable and `Sendable`, and the
/// server calls `respond(to:)` from many threads at once.
public struct Router: Sendable {
    /// A resource handler: synchronous, because libmicrohttpd calls it on its own worker thread.
    public typealias Handler = @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse

    /// Receives every error that became a 5xx, with the request it failed; the client sees only the request id.
    public typealias UnexpectedErrorLog = @Sendable (_ error: any Error, _ request: HTTPRequest) -> Void

    private struct Route: Sendable {
        let method: HTTPMethod
        let pattern: PathPattern
        let handler: Handler
    }

    private var routes: [Route] = []
    /// The routes by the number of segments of their pattern, which a path must have to match.
    private var routesBySegmentCount: [Int: [Route]] = [:]
    private let logUnexpectedError: UnexpectedErrorLog
    /// Runs before routing; throwing refuses the request (the API's per-address rate limit).
    public var admission: (@Sendable (HTTPRequest) throws -> Void)?

    /// Which route answers `method` on `path` (its pattern, `GET /v1/environments/{environmentID}`),
    /// or `nil`; for tests that check a table of requests covers every route.
    func routePattern(method: HTTPMethod, path: String) -> String? {
        guard let (route, _) = bestRoute(method: method, segments: PathPattern.split(path)) else { return nil }
        return "\(route.method.rawValue) \(route.pattern.description)"
    }

    /// Every route as `METHOD pattern`, in registration order.
    var routePatterns: [String] { routes.map { "\($0.method.rawValue) \($0.pattern.description)" } }

    /// An empty router; unexpected errors go to standard error unless `logUnexpectedError` says otherwise.
    public init(logUnexpectedError: @escaping UnexpectedErrorLog = Router.writeToStandardError) {
        self.logUnexpectedError = logUnexpectedError
    }

    /// Serves `method` on paths matching `pattern`, e.g. `/environments/{environmentID}/keys`.
    ///
    /// When two patterns match a path, the one with a literal segment where the other has a
    /// parameter wins; between equal patterns, the first added wins.
    public mutating func add(_ method: HTTPMethod, _ pattern: String, handler: @escaping Handler) {
        let route = Route(method: method, pattern: PathPattern(pattern), handler: handler)
        routes.append(route)
        routesBySegmentCount[route.pattern.segments.count, default: []].append(route)
    }

    /// The response to `request`: the handler's, or an error body (404, 405, or 500 for an
    /// error no one mapped). Every response carries `X-Request-Id`.
    ///
    /// `HEAD` is served by the path's `GET` handler unless a `HEAD` route exists, and answered
    /// without a body (RFC 9110 §9.3.2).
    public func respond(to request: HTTPRequest) -> HTTPResponse {
        var response = responseKeepingHeadBody(to: request)
        if request.method == .head {
            response.body = []
        }
        return response
    }

    /// As `respond(to:)`, but a `HEAD` answer keeps the `GET` body: the server hands it to
    /// libmicrohttpd, which sends its `Content-Length` and leaves the body off the wire.
    func responseKeepingHeadBody(to request: HTTPRequest) -> HTTPResponse {
        var response: HTTPResponse
        do {
            try admission?(request)
            let (route, parameters) = try self.route(for: request)
            let context = RequestContext(requestID: request.requestID, pathParameters: parameters)
            // The services read who acts, the request id and the client address from here when
            // they write audit events; `Authentication` fills in the actor.
            let audit = AuditContext(correlationID: request.requestID, clientAddress: request.clientAddress)
            response = try AuditContext.$current.withValue(audit) { try route.handler(request, context) }
        } catch {
            response = ErrorResponse.response(for: error, requestID: request.requestID)
            if response.status.isServerError {
                logUnexpectedError(error, request)
            }
        }
        response.headers.set(name: ErrorResponse.requestIDHeader, value: request.requestID)
        return response
    }

    private func route(for request: HTTPRequest) throws(HTTPError) -> (Route, [String: String]) {
        let segments = PathPattern.split(request.path)
        if let best = bestRoute(method: request.method, segments: segments) {
            return best
        }
        if request.method == .head, let get = bestRoute(method: .get, segments: segments) {
            return get
        }
        var allowed: [HTTPMethod] = []
        for route in routes where route.pattern.match(segments) != nil && !allowed.contains(route.method) {
            allowed.append(route.method)
        }
        if allowed.isEmpty {
            throw .notFound(path: request.path)
        }
        if let get = allowed.firstIndex(of: .get), !allowed.contains(.head) {
            allowed.insert(.head, at: get + 1)  // served by the GET handler
        }
        throw .methodNotAllowed(method: request.method, allowed: allowed)
    }

    /// The route for `method` whose pattern matches `segments` most specifically, with its parameters.
    private func bestRoute(method: HTTPMethod, segments: [Substring]) -> (Route, [String: String])? {
        var best: (route: Route, parameters: [String: String])?
        for route in routesBySegmentCount[segments.count] ?? [] where route.method == method {
            guard let parameters = route.pattern.match(segments) else { continue }
            if let current = best, !route.pattern.isMoreSpecific(than: current.route.pattern) { continue }
            best = (route, parameters)
        }
        return best
    }

    /// The default `UnexpectedErrorLog`: one line on standard error naming the request id.
    @Sendable public static func writeToStandardError(_ error: any Error, _ request: HTTPRequest) {
        StandardError.writeLine(
            "keyward: request \(request.requestID) \(request.method) \(request.path) failed: \(error)"
        )
    }
}
