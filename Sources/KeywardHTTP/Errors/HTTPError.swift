/// Failures that KeywardHTTP itself detects, before or around a resource handler.
public enum HTTPError: Error, Equatable, Sendable {
    /// No route has this path, whatever the method.
    case notFound(path: String)
    /// A route has this path, but not for this method; `allowed` lists the methods it has.
    case methodNotAllowed(method: HTTPMethod, allowed: [HTTPMethod])
    /// The request body is longer than the server accepts (`limit` bytes).
    case bodyTooLarge(limit: Int)
    /// The request's `Content-Type` (its essence, or `nil` when absent) is not one the resource reads.
    case unsupportedMediaType(received: String?, supported: [String])
    /// The request's `Accept` header excludes every type the resource can answer with.
    case notAcceptable(offered: [String])
    /// A form body (multipart or urlencoded) that libmicrohttpd's post processor refused;
    /// `reason` says why, for the client.
    case malformedForm(reason: String)
}
