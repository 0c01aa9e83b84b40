#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Decodes a JSON response body into `type`.
func decodeJSON<Value: Decodable>(_ type: Value.Type, from body: [UInt8]) throws -> Value {
    try JSONDecoder().decode(type, from: Data(body))
}

/// The body of `GET /health`.
struct HealthBody: Decodable, Equatable {
    let status: String
    let version: String
}
