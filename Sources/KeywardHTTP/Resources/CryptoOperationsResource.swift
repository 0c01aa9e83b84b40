import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `/v1/environments/{environmentID}/{signings,verifications,encryptions,decryptions}` and
/// `/keys/{keyID}/jws`: cryptographic operations with the managed keys.
///
/// Sign, decrypt and JWS use a private key and need `certmgt:use:key`; verify and encrypt use
/// a public key and need `certmgt:read:key` (`certmgt:read:certificate` when they name a
/// certificate).
struct CryptoOperationsResource {
    let services: APIServices

    func register(in router: inout Router) {
        router.add(.post, "/v1/environments/{environmentID}/signings", handler: sign)
        router.add(.post, "/v1/environments/{environmentID}/verifications", handler: verify)
        router.add(.post, "/v1/environments/{environmentID}/encryptions", handler: encrypt)
        router.add(.post, "/v1/environments/{environmentID}/decryptions", handler: decrypt)
        router.add(.post, "/v1/environments/{environmentID}/keys/{keyID}/jws", handler: signJWS)
    }

    @Sendable func sign(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try Authentication.environment(request, context, services: services, permission: .useKey)
        let body = try JSONRequestBody.decode(CryptoOperationBody.self, from: request)
        let keyID = try body.keyID()
        let input = try body.signatureInput()
        let result = try services.operations.sign(
            keyID: keyID,
            in: environmentID,
            algorithm: body.algorithm,
            input: input
        )
        return .json(
            SigningRepresentation(
                key: RecordReference(id: keyID.lowercaseString),
                algorithm: result.algorithm.rawValue,
                signature: Data(result.signature).base64EncodedString()
            )
        )
    }

    @Sendable func verify(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let access = try Authentication.environmentAccess(request, context, services: services, permission: nil)
        let body = try JSONRequestBody.decode(CryptoOperationBody.self, from: request)
        let target = try body.target()
        try access.require(Self.readPermission(of: target))
        let input = try body.signatureInput()
        let signature = try CryptoOperationBody.required(body.signature, field: "signature")
        let result = try services.operations.verify(
            target,
            in: access.environmentID,
            algorithm: body.algorithm,
            input: input,
            signature: signature
        )
        let (key, certificate) = Self.references(target)
        return .json(
            VerificationRepresentation(
                key: key,
                certificate: certificate,
                algorithm: result.algorithm.rawValue,
                valid: result.valid
            )
        )
    }

    @Sendable func encrypt(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let access = try Authentication.environmentAccess(request, context, services: services, permission: nil)
        let body = try JSONRequestBody.decode(CryptoOperationBody.self, from: request)
        let target = try body.target()
        try access.require(Self.readPermission(of: target))
        let plainText = try CryptoOperationBody.required(body.plainText, field: "plainText")
        let result = try services.operations.encrypt(
            target,
            in: access.environmentID,
            algorithm: body.algorithm,
            plaintext: plainText
        )
        let (key, certificate) = Self.references(target)
        return .json(
            EncryptionRepresentation(
                key: key,
                certificate: certificate,
                algorithm: result.algorithm.rawValue,
                cipherText: Data(result.cipherText).base64EncodedString()
            )
        )
    }

    @Sendable func decrypt(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try Authentication.environment(request, context, services: services, permission: .useKey)
        let body = try JSONRequestBody.decode(CryptoOperationBody.self, from: request)
        let keyID = try body.keyID()
        let cipherText = try CryptoOperationBody.required(body.cipherText, field: "cipherText")
        let result = try services.operations.decrypt(
            keyID: keyID,
            in: environmentID,
            algorithm: body.algorithm,
            cipherText: cipherText
        )
        return .json(
            DecryptionRepresentation(
                key: RecordReference(id: keyID.lowercaseString),
                algorithm: result.algorithm.rawValue,
                plainText: Data(result.plainText).base64EncodedString()
            )
        )
    }

    @Sendable func signJWS(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try Authentication.environment(request, context, services: services, permission: .useKey)
        let keyID = try Authentication.recordID("keyID", context, resource: "Key")
        let body = try JSONRequestBody.decode(JWSBody.self, from: request)
        guard let payload = body.payload else { throw CoreError.missingValue(field: "payload") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let result = try services.operations.signJWS(
            keyID: keyID,
            in: environmentID,
            payloadJSON: Array(try encoder.encode(payload))
        )
        return .json(
            JWSRepresentation(jws: result.jws, kid: keyID.lowercaseString, algorithm: result.algorithm.rawValue)
        )
    }

    /// The permission a public-key operation needs for its target.
    private static func readPermission(of target: OperationTarget) -> Permission {
        switch target {
        case .key: .readKey
        case .certificate: .readCertificate
        }
    }

    /// The `key` and `certificate` members of an answer, as the request named its target.
    private static func references(_ target: OperationTarget) -> (RecordReference?, RecordReference?) {
        switch target {
        case .key(let id): (RecordReference(id: id.lowercaseString), nil)
        case .certificate(let id): (nil, RecordReference(id: id.lowercaseString))
        }
    }
}
