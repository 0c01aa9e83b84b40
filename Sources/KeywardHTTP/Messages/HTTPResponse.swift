/// A complete HTTP response: status, header fields and body bytes.
public struct HTTPResponse: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: [UInt8]

    /// A response; `headers` should name the `Content-Type` of a non-empty body.
    public init(status: HTTPStatus, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response whose body is `value` encoded as JSON, with `Content-Type: application/json`.
    ///
    /// Plain `application/json`, not `application/hal+json`: PingOne's Go SDK recognises only the former.
    public static func json(_ value: some Encodable, status: HTTPStatus = .ok) throws -> HTTPResponse {
        let body = try JSONCoding.makeEncoder().encode(value)
        return HTTPResponse(status: status, headers: ["Content-Type": JSONCoding.contentType], body: Array(body))
    }
}
