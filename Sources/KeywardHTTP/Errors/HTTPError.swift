/// Failures that KeywardHTTP itself detects, before or around a resource handler.
public enum HTTPError: Error, Equatable, Sendable {
    /// No route has this path, whatever the method.
    case notFound(path: String)
    /// A route has this path, but not for this method; `allowed` lists the methods it has.
    case methodNotAllowed(method: HTTPMethod, allowed: [HTTPMethod])
    /// The request body is longer than the server accepts (`limit` bytes).
    case bodyTooLarge(limit: Int)
    /// The body is not JSON; `reason` is the parser's, with its position.
    case malformedJSON(reason: String)
    /// The `filter` query parameter uses an attribute or operator the list does not support.
    case invalidFilter(reason: String)
    /// The request body's media type is not one the resource reads.
    case unsupportedMediaType(received: String?, supported: [String])
    /// None of the media types the resource can answer with is acceptable to the client.
    case notAcceptable(offered: [String])
    /// A form body (multipart or urlencoded) that libmicrohttpd's post processor refused;
    /// `reason` says why, for the client.
    case malformedForm(reason: String)
    /// The caller (`scope`: `client` or `address`) asked more than its rate; retry after the seconds given.
    case rateLimited(scope: String, retryAfter: Int)
    /// Too many failed client authentications for this client id from this address.
    case authenticationLockedOut(retryAfter: Int)
}
