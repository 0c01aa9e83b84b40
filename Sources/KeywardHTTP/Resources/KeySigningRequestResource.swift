import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `/v1/environments/{environmentID}/keys/{keyID}/csr`: export the key's PKCS#10 request (GET)
/// and import the CA's answer (PUT as PingOne's docs, POST as its SDK and Terraform send).
struct KeySigningRequestResource {
    let services: APIServices
    let keys: KeysResource

    static let derType = "application/pkcs10"
    static let pemType = "application/x-pem-file"
    /// Raw media types accepted for the CA's answer, besides `multipart/form-data` with `file`.
    static let answerTypes: Set<String> = [
        "application/x-pem-file", "application/x-x509-ca-cert", "application/pkix-cert",
        "application/x-pkcs7-certificates", "application/pkcs7-mime", "application/octet-stream",
    ]

    func register(in router: inout Router) {
        let path = "/v1/environments/{environmentID}/keys/{keyID}/csr"
        router.add(.get, path, handler: export)
        router.add(.put, path, handler: importAnswer)
        router.add(.post, path, handler: importAnswer)
    }

    /// The CSR as DER (`application/pkcs10`, also when `Accept` names neither) or PEM.
    @Sendable func export(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let (environmentID, keyID) = try ids(request, context, permission: .exportKey)
        let accept = AcceptHeader(request.headers["Accept"])
        guard let choice = accept.preferred(among: [Self.derType, Self.pemType]) ?? jsonOnly(accept) else {
            throw HTTPError.notAcceptable(offered: [Self.derType, Self.pemType])
        }
        let csr = try services.signingRequests.signingRequest(for: keyID, in: environmentID)
        // A failure to encode is OpenSSL's, not the client's: it surfaces as a logged 500.
        let bytes = choice == Self.pemType ? Array(try csr.pemRepresentation().utf8) : try csr.derRepresentation()
        return .export(bytes, contentType: choice)
    }

    @Sendable func importAnswer(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let (environmentID, keyID) = try ids(request, context, permission: .updateKey)
        let file: [UInt8]
        let essence = MediaType.essence(of: request.headers["Content-Type"])
        if essence == "multipart/form-data" {
            guard let field = request.form?.field("file") else { throw CoreError.missingValue(field: "file") }
            file = field.data
        } else if let essence, Self.answerTypes.contains(essence) {
            file = request.body
        } else {
            throw HTTPError.unsupportedMediaType(
                received: essence,
                supported: ["multipart/form-data"] + Self.answerTypes.sorted()
            )
        }
        let key = try services.signingRequests.importResponse(file, for: keyID, in: environmentID)
        return HTTPResponse.json(keys.representation(key))
    }

    /// A client that accepts only JSON (for errors) still gets the DER request, as PingOne's
    /// SDK lists `application/json` beside the CSR types.
    private func jsonOnly(_ accept: AcceptHeader) -> String? {
        accept.accepts("application/json") ? Self.derType : nil
    }

    private func ids(_ request: HTTPRequest, _ context: RequestContext, permission: Permission) throws -> (UUID, UUID) {
        let environmentID = try Authentication.environment(request, context, services: services, permission: permission)
        return (environmentID, try Authentication.recordID("keyID", context, resource: "Key"))
    }
}
