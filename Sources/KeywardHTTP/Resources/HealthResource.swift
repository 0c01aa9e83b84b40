import KeywardCore

/// `GET /health`: tells a load balancer or operator that the process is up, and which version it runs.
///
/// It checks nothing else yet; when a store exists, a failing store should make it answer 503.
enum HealthResource {
    /// The body of a health answer: `{"status":"UP","version":"0.1.0-dev"}`.
    struct HealthJSON: Encodable {
        let status: String
        let version: String
    }

    @Sendable static func get(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        try .json(HealthJSON(status: "UP", version: KeywardVersion.current))
    }
}
