extension HTTPResponse {
    /// A JSON response whose `serialNumber` members are bare numbers (see `BareNumbers`).
    static func jsonWithSerialNumbers(_ value: some Encodable, status: HTTPStatus = .ok) throws -> HTTPResponse {
        var response = try HTTPResponse.json(value, status: status)
        response.body = BareNumbers.unquote(KeyRepresentation.bareNumberMember, in: response.body)
        return response
    }

    /// A binary (or PEM) body with exactly `contentType`, no parameters: the Go SDK compares it verbatim.
    static func export(_ bytes: [UInt8], contentType: String) -> HTTPResponse {
        HTTPResponse(status: .ok, headers: ["Content-Type": contentType], body: bytes)
    }
}
