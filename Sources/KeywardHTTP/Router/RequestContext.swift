/// What a resource handler knows about its request beyond the request itself.
///
/// Grows with the API: the authenticated principal and the environment id belong here.
public struct RequestContext: Sendable {
    /// The request's id, echoed in `X-Request-Id` and in error bodies; log it with any failure.
    public let requestID: String
    /// Values of the route's `{name}` segments, keyed by name.
    public let pathParameters: [String: String]

    public init(requestID: String, pathParameters: [String: String] = [:]) {
        self.requestID = requestID
        self.pathParameters = pathParameters
    }
}
