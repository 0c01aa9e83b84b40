/// The answer of `/signings`.
struct SigningRepresentation: Encodable {
    let key: RecordReference
    let algorithm: String
    let signature: String
}

/// The answer of `/verifications`: `key` or `certificate`, as the request named it.
struct VerificationRepresentation: Encodable {
    let key: RecordReference?
    let certificate: RecordReference?
    let algorithm: String
    let valid: Bool
}

/// The answer of `/encryptions`: `key` or `certificate`, as the request named it.
struct EncryptionRepresentation: Encodable {
    let key: RecordReference?
    let certificate: RecordReference?
    let algorithm: String
    let cipherText: String
}

/// The answer of `/decryptions`.
struct DecryptionRepresentation: Encodable {
    let key: RecordReference
    let algorithm: String
    let plainText: String
}

/// The answer of `/keys/{keyID}/jws`.
struct JWSRepresentation: Encodable {
    let jws: String
    let kid: String
    let algorithm: String
}
