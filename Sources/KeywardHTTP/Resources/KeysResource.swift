import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `/v1/environments/{environmentID}/keys[/{keyID}]`: list, create (generate from JSON, or
/// import a PKCS#12 file), read or export, update and delete keys.
struct KeysResource {
    let services: APIServices

    /// The media types a key's certificate can be exported as (besides its JSON).
    static let exportTypes: [String: CertificateExportFormat] = [
        "application/x-x509-ca-cert": .pem,
        "application/pkix-cert": .der,
        "application/x-pkcs7-certificates": .pkcs7,
    ]
    /// `exportTypes`' names, in a fixed order.
    static let exportTypeNames = exportTypes.keys.sorted()
    /// The raw (non-multipart) media type of a PKCS#12 import.
    static let pkcs12Type = "application/x-pkcs12-certificates"

    func register(in router: inout Router) {
        router.add(.get, "/v1/environments/{environmentID}/keys", handler: list)
        router.add(.post, "/v1/environments/{environmentID}/keys", handler: create)
        router.add(.get, "/v1/environments/{environmentID}/keys/{keyID}", handler: get)
        router.add(.put, "/v1/environments/{environmentID}/keys/{keyID}", handler: update)
        router.add(.delete, "/v1/environments/{environmentID}/keys/{keyID}", handler: delete)
        router.add(.get, "/v1/environments/{environmentID}/keys/{keyID}/applications", handler: applications)
    }

    @Sendable func list(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try Authentication.environment(request, context, services: services, permission: .readKey)
        let paging = try Paging(request)
        let selfURL = services.apiURL("/environments/\(environmentID.lowercaseString)/keys")
        let now = services.clock.now
        let filterText = request.queryValue("filter")
        let page: Page<Key>
        let count: Int?
        if let filterText {
            let filter = try KeyFilterParser.parse(filterText)
            page = try services.keys.list(
                in: environmentID,
                matching: filter,
                after: paging.cursor,
                limit: paging.limit
            )
            count = nil
        } else {
            (page, count) = try services.keys.list(in: environmentID, after: paging.cursor, limit: paging.limit)
        }
        let items = page.items.map { KeyRepresentation($0, at: now, selfURL: url(of: $0)) }
        return HTTPResponse.json(
            collection: "keys",
            of: items,
            selfURL: selfURL,
            nextURL: paging.nextURL(selfURL, nextCursor: page.nextCursor, filter: filterText),
            count: count
        )
    }

    /// JSON generates a key; `multipart/form-data` (`file`, `usageType`, `password`) or a raw
    /// `application/x-pkcs12-certificates` body (`usageType` in the query, the password in the
    /// `X-PKCS12-Password` header) imports one.
    @Sendable func create(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try Authentication.environment(
            request,
            context,
            services: services,
            permission: .createKey
        )
        let key: Key
        switch MediaType.essence(of: request.headers["Content-Type"]) {
        case "multipart/form-data":
            let form = request.form ?? FormData(fields: [])
            guard let file = form.field("file") else { throw CoreError.missingValue(field: "file") }
            key = try services.keyImports.importPKCS12(
                file.data,
                password: try FormText.value("password", in: form),
                usageType: try FormText.value("usageType", in: form),
                name: try FormText.value("name", in: form),
                in: environmentID
            )
        case Self.pkcs12Type:
            key = try services.keyImports.importPKCS12(
                request.body,
                password: request.headers["X-PKCS12-Password"],
                usageType: request.queryValue("usageType"),
                in: environmentID
            )
        default:
            let body = try JSONRequestBody.decode(KeyCreationBody.self, from: request)
            key = try services.keys.create(body.request, in: environmentID)
        }
        var response = HTTPResponse.json(representation(key), status: .created)
        response.headers.set(name: "Location", value: url(of: key))
        return response
    }

    /// The key's JSON (`certmgt:read:key`), or its certificate as PEM, DER or PKCS#7 with the
    /// chain per `Accept` (`certmgt:export:key`).
    @Sendable func get(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let access = try Authentication.environmentAccess(request, context, services: services, permission: nil)
        let choice = try ExportNegotiation.choose(request, binaryTypes: KeysResource.exportTypeNames)
        try access.require(Self.exportTypes[choice] == nil ? .readKey : .exportKey)
        let id = try Authentication.recordID("keyID", context, resource: "Key")
        let environmentID = access.environmentID
        if let format = Self.exportTypes[choice] {
            // An export writes a KEY.EXPORTED event; reading the JSON does not.
            return .export(try services.keys.exportCertificate(id, in: environmentID, as: format), contentType: choice)
        }
        return HTTPResponse.json(representation(try services.keys.get(id, in: environmentID)))
    }

    @Sendable func update(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try Authentication.environment(
            request,
            context,
            services: services,
            permission: .updateKey
        )
        let id = try Authentication.recordID("keyID", context, resource: "Key")
        let body = try JSONRequestBody.decode(KeyUpdateBody.self, from: request)
        let key = try services.keys.update(
            id,
            in: environmentID,
            isDefault: body.isDefault,
            usageType: body.usageType,
            issuerDN: body.issuerDN
        ) { (current: Key) throws(CoreError) in
            if let member = body.changedImmutableMember(of: current) {
                throw .invalidValue(
                    field: member,
                    reason: "cannot be changed; only default, usageType and issuerDN can"
                )
            }
        }
        return HTTPResponse.json(representation(key))
    }

    @Sendable func delete(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try Authentication.environment(
            request,
            context,
            services: services,
            permission: .deleteKey
        )
        try services.keys.delete(try Authentication.recordID("keyID", context, resource: "Key"), in: environmentID)
        return HTTPResponse(status: .noContent)
    }

    /// The applications that use the key. Keyward has no applications that reference keys
    /// (no SAML or OIDC apps), so the list is empty once the key is known to exist.
    @Sendable func applications(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try Authentication.environment(request, context, services: services, permission: .readKey)
        let key = try services.keys.get(
            try Authentication.recordID("keyID", context, resource: "Key"),
            in: environmentID
        )
        return try .noApplications(selfURL: url(of: key) + "/applications")
    }

    func representation(_ key: Key) -> KeyRepresentation {
        KeyRepresentation(key, at: services.clock.now, selfURL: url(of: key))
    }

    private func url(of key: Key) -> String {
        services.apiURL(
            "/environments/\(key.environmentID.lowercaseString)/keys/\(key.id.lowercaseString)"
        )
    }

}
