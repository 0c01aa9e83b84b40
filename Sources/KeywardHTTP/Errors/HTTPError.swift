/// Failures that KeywardHTTP itself detects, before or around a resource handler.
public enum HTTPError: Error, Equatable, Sendable {
    /// No route has this path, whatever the method.
    case notFound(path: String)
    /// A route has this path, but not for this method; `allowed` lists the methods it has.
    case methodNotAllowed(method: HTTPMethod, allowed: [HTTPMethod])
    /// The request body is longer than the server accepts (`limit` bytes).
    case bodyTooLarge(limit: Int)
}
