/// The PingOne error body (`P1Error`) that every failed request receives, always as JSON.
///
/// `id` is the request id, so an operator can find the log line a client quotes.
/// Absent `details` are omitted rather than written as `null`.
public struct ErrorBody: Codable, Equatable, Sendable {
    /// One finding about a specific field or part of the request.
    public struct Detail: Codable, Equatable, Sendable {
        public var code: String
        public var target: String?
        public var message: String

        public init(code: String, target: String? = nil, message: String) {
            self.code = code
            self.target = target
            self.message = message
        }
    }

    public var id: String
    public var code: String
    public var message: String
    public var details: [Detail]?

    public init(id: String, code: String, message: String, details: [Detail]? = nil) {
        self.id = id
        self.code = code
        self.message = message
        self.details = details
    }
}
