/// The answers of the cryptographic operations API, written by `JSONWriter` (members in
/// alphabetical order, absent optional members omitted, as `JSONEncoder` with `.sortedKeys`
/// wrote them before): these are answered many thousand times a second.
protocol CryptoOperationRepresentation {
    /// The object, members in alphabetical order.
    func write(to writer: inout JSONWriter)
}

/// The answer of `/signings`.
struct SigningRepresentation: CryptoOperationRepresentation {
    let key: RecordReference
    let algorithm: String
    let signature: String

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("algorithm")
        writer.string(algorithm)
        writer.member("key")
        writer.reference(key)
        writer.member("signature")
        writer.string(signature)
        writer.endObject()
    }
}

/// The answer of `/verifications`: `key` or `certificate`, as the request named it.
struct VerificationRepresentation: CryptoOperationRepresentation {
    let key: RecordReference?
    let certificate: RecordReference?
    let algorithm: String
    let valid: Bool

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("algorithm")
        writer.string(algorithm)
        if let certificate {
            writer.member("certificate")
            writer.reference(certificate)
        }
        if let key {
            writer.member("key")
            writer.reference(key)
        }
        writer.member("valid")
        writer.bool(valid)
        writer.endObject()
    }
}

/// The answer of `/encryptions`: `key` or `certificate`, as the request named it.
struct EncryptionRepresentation: CryptoOperationRepresentation {
    let key: RecordReference?
    let certificate: RecordReference?
    let algorithm: String
    let cipherText: String

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("algorithm")
        writer.string(algorithm)
        if let certificate {
            writer.member("certificate")
            writer.reference(certificate)
        }
        writer.member("cipherText")
        writer.string(cipherText)
        if let key {
            writer.member("key")
            writer.reference(key)
        }
        writer.endObject()
    }
}

/// The answer of `/decryptions`.
struct DecryptionRepresentation: CryptoOperationRepresentation {
    let key: RecordReference
    let algorithm: String
    let plainText: String

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("algorithm")
        writer.string(algorithm)
        writer.member("key")
        writer.reference(key)
        writer.member("plainText")
        writer.string(plainText)
        writer.endObject()
    }
}

/// The answer of `/keys/{keyID}/jws`.
struct JWSRepresentation: CryptoOperationRepresentation {
    let jws: String
    let kid: String
    let algorithm: String

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("algorithm")
        writer.string(algorithm)
        writer.member("jws")
        writer.string(jws)
        writer.member("kid")
        writer.string(kid)
        writer.endObject()
    }
}

extension JSONWriter {
    /// `{"id":"<id>"}`, or `{}` for a reference without id (never answered).
    mutating func reference(_ reference: RecordReference) {
        beginObject()
        if let id = reference.id {
            member("id")
            string(id)
        }
        endObject()
    }
}

extension HTTPResponse {
    /// One answer of the cryptographic operations API, `200` JSON.
    static func json(_ representation: some CryptoOperationRepresentation) -> HTTPResponse {
        var writer = JSONWriter(capacity: 512)
        representation.write(to: &writer)
        return HTTPResponse(status: .ok, headers: ["Content-Type": JSONCoding.contentType], body: writer.bytes)
    }
}
