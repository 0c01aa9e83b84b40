import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reads a request's JSON body into a `Decodable` made of optionals, so that the service, not
/// the decoder, says which fields are required.
///
/// Refusals: a body that is not `application/json` (or `+json`) is 415; text that is not JSON
/// is 400 `INVALID_REQUEST` quoting the parser's position; a member of the wrong type is
/// 400 `INVALID_DATA` naming it (`subjectDN`, `license.id`).
enum JSONRequestBody {
    /// The media types a JSON body may be declared as.
    static let acceptedTypes = ["application/json"]

    static func decode<Body: Decodable>(_ type: Body.Type, from request: HTTPRequest) throws -> Body {
        let essence = MediaType.essence(of: request.headers["Content-Type"])
        guard let essence, essence == "application/json" || essence.hasSuffix("+json") else {
            throw HTTPError.unsupportedMediaType(received: essence, supported: acceptedTypes)
        }
        guard !request.body.isEmpty else { throw HTTPError.malformedJSON(reason: "the body is empty") }
        guard String(validating: request.body, as: UTF8.self) != nil else {
            throw HTTPError.malformedJSON(reason: "the body is not valid UTF-8")
        }
        do {
            return try JSONDecoder().decode(Body.self, from: Data(request.body))
        } catch let error as DecodingError {
            throw translate(error, body: request.body)
        }
    }

    private static func translate(_ error: DecodingError, body: [UInt8]) -> any Error {
        switch error {
        case .typeMismatch(let expected, let context):
            return CoreError.invalidValue(
                field: path(context.codingPath),
                reason: "must be \(describe(expected))"
            )
        case .valueNotFound(let expected, let context):
            return CoreError.invalidValue(
                field: path(context.codingPath),
                reason: "must be \(describe(expected)), not null"
            )
        case .keyNotFound(let key, let context):
            return CoreError.missingValue(field: path(context.codingPath + [key]))
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                // The decoder names neither the position nor the member: find them ourselves.
                switch JSONSyntax.check(body) {
                case .failure(let failure):
                    return HTTPError.malformedJSON(reason: failure.description)
                case .success(let members):
                    if let member = members.first {
                        return CoreError.invalidValue(field: member, reason: "must be an integer")
                    }
                }
                let underlying = context.underlyingError.map { String(describing: $0) } ?? context.debugDescription
                return HTTPError.malformedJSON(reason: underlying)
            }
            return CoreError.invalidValue(field: path(context.codingPath), reason: context.debugDescription)
        @unknown default:
            return HTTPError.malformedJSON(reason: "the body cannot be read")
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        let names = codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
        return names.isEmpty ? "body" : names.joined(separator: ".").replacing(".[", with: "[")
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean (true or false)"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type, is Decimal.Type: "a number"
        case is [Any].Type: "an array"
        default: "a \(String(describing: type).lowercased())"
        }
    }
}
