import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A complete HTTP request as the router sees it: the body is fully read.
///
/// The server builds one per request from what libmicrohttpd parsed; tests build them
/// directly to drive the `Router` without a socket.
public struct HTTPRequest: Sendable {
    /// The method as sent, e.g. `GET`.
    public var method: HTTPMethod
    /// The path without its query string, percent-decoded by libmicrohttpd, e.g. `/health`.
    public var path: String
    /// The query string's items, in order.
    public var queryItems: [QueryItem]
    /// The request's header fields; lookups ignore case.
    public var headers: HTTPHeaders
    /// The request body as received; empty when there is none. For a form body the server
    /// parses it into `form` instead and leaves this empty.
    public var body: [UInt8]
    /// The fields of a `multipart/form-data` or `application/x-www-form-urlencoded` body, parsed
    /// by libmicrohttpd's post processor; `nil` when the body was not a form.
    public var form: FormData?
    /// The peer's IP address as text, or `nil` when unknown (e.g. in-process tests).
    public var clientAddress: String?
    /// A random UUID naming this request in logs, in the `X-Request-Id` header and in error bodies.
    public var requestID: String

    /// A request; `requestID` defaults to a fresh random UUID.
    public init(
        method: HTTPMethod,
        path: String,
        queryItems: [QueryItem] = [],
        headers: HTTPHeaders = [:],
        body: [UInt8] = [],
        form: FormData? = nil,
        clientAddress: String? = nil,
        requestID: String = HTTPRequest.makeRequestID()
    ) {
        self.method = method
        self.path = path
        self.queryItems = queryItems
        self.headers = headers
        self.body = body
        self.form = form
        self.clientAddress = clientAddress
        self.requestID = requestID
    }

    /// The value of the first query item called `name`, or `nil` when absent.
    public func queryValue(_ name: String) -> String? {
        queryItems.first { $0.name == name }?.value
    }

    /// A new random (version 4) UUID in lower case, the form PingOne uses for ids.
    ///
    /// Built from `SystemRandomNumberGenerator` (one `getrandom` call per half) rather than
    /// Foundation's `UUID()`, which opens, reads and closes `/dev/urandom` on every call.
    public static func makeRequestID() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = withUnsafeBytes(of: (generator.next() as UInt64, generator.next() as UInt64)) { Array($0) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40  // version 4
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
        let uuid = bytes.withUnsafeBytes { $0.loadUnaligned(as: uuid_t.self) }
        return UUID(uuid: uuid).lowercaseString
    }
}
