import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `{"id": "…"}`, the form in which bodies name a key or certificate.
struct RecordReference: Codable {
    var id: String?
}

/// The body of `/signings`, `/verifications`, `/encryptions` and `/decryptions`: every member
/// optional here, so that the handler names what is missing.
struct CryptoOperationBody: Decodable {
    var key: RecordReference?
    var certificate: RecordReference?
    var algorithm: String?
    var plainText: String?
    var digest: String?
    var signature: String?
    var cipherText: String?

    /// The key of a private-key operation: `key.id` required, `certificate` refused.
    func keyID() throws -> UUID {
        guard certificate == nil else {
            throw CoreError.invalidValue(field: "certificate", reason: "a private-key operation needs key.id")
        }
        guard let key else { throw CoreError.missingValue(field: "key.id") }
        return try Self.recordID(key, field: "key.id", resource: "Key")
    }

    /// Exactly one of `key.id` and `certificate.id`.
    func target() throws -> OperationTarget {
        switch (key, certificate) {
        case (.some(let key), nil): return .key(try Self.recordID(key, field: "key.id", resource: "Key"))
        case (nil, .some(let certificate)):
            return .certificate(try Self.recordID(certificate, field: "certificate.id", resource: "Certificate"))
        case (.some, .some):
            throw CoreError.invalidValue(field: "certificate", reason: "give key.id or certificate.id, not both")
        case (nil, nil):
            throw CoreError.missingValue(field: "key.id")
        }
    }

    /// `plainText` or `digest`, exactly one, decoded.
    func signatureInput() throws -> SignatureInput {
        switch (plainText, digest) {
        case (.some(let text), nil): return .message(try Self.bytes(text, field: "plainText"))
        case (nil, .some(let text)): return .digest(try Self.bytes(text, field: "digest"))
        case (.some, .some): throw CoreError.invalidValue(field: "digest", reason: "give plainText or digest, not both")
        case (nil, nil): throw CoreError.missingValue(field: "plainText")
        }
    }

    /// The required base64 member `field`, decoded.
    static func required(_ text: String?, field: String) throws -> [UInt8] {
        guard let text else { throw CoreError.missingValue(field: field) }
        return try bytes(text, field: field)
    }

    /// Standard base64 with padding (RFC 4648 §4); anything else names `field`.
    static func bytes(_ text: String, field: String) throws -> [UInt8] {
        guard let data = Data(base64Encoded: text) else {
            throw CoreError.invalidValue(field: field, reason: "must be standard base64 with padding")
        }
        return Array(data)
    }

    private static func recordID(_ reference: RecordReference, field: String, resource: String) throws -> UUID {
        guard let text = reference.id else { throw CoreError.missingValue(field: field) }
        guard let id = UUID(text: text) else { throw CoreError.notFound(resource: resource, id: text) }
        return id
    }
}

/// The body of `/keys/{keyID}/jws`: a JSON object to sign.
struct JWSBody: Decodable {
    var payload: [String: JSONValue]?
}
