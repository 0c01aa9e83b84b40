import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `/v1/environments/{environmentID}/certificates[/{certificateID}]`: public certificates
/// (no private key): upload, list, read or export, delete.
struct CertificatesResource {
    let services: APIServices

    /// Raw media types an upload may be sent as (with `usageType` in the query), besides
    /// `multipart/form-data` with `file` and `usageType`.
    static let uploadTypes: Set<String> = [
        "application/x-pkcs7-certificates", "application/x-x509-ca-cert", "application/pkix-cert",
        "application/x-pem-file",
    ]

    func register(in router: inout Router) {
        router.add(.get, "/v1/environments/{environmentID}/certificates", handler: list)
        router.add(.post, "/v1/environments/{environmentID}/certificates", handler: upload)
        router.add(.get, "/v1/environments/{environmentID}/certificates/{certificateID}", handler: get)
        router.add(.delete, "/v1/environments/{environmentID}/certificates/{certificateID}", handler: delete)
        router.add(
            .get,
            "/v1/environments/{environmentID}/certificates/{certificateID}/applications",
            handler: applications
        )
    }

    @Sendable func list(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try Authentication.environment(
            request,
            context,
            services: services,
            permission: .readCertificate
        )
        let paging = try Paging(request)
        let (page, count) = try services.certificates.list(in: environmentID, after: paging.cursor, limit: paging.limit)
        let selfURL = services.apiURL("/environments/\(environmentID.lowercaseString)/certificates")
        let now = services.clock.now
        return HTTPResponse.json(
            collection: "certificates",
            of: page.items.map { KeyRepresentation($0, at: now, selfURL: url(of: $0)) },
            selfURL: selfURL,
            nextURL: paging.nextURL(selfURL, nextCursor: page.nextCursor),
            count: count
        )
    }

    /// Answers `202 Accepted`, as PingOne does, with the stored certificate.
    @Sendable func upload(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try Authentication.environment(
            request,
            context,
            services: services,
            permission: .createCertificate
        )
        let essence = MediaType.essence(of: request.headers["Content-Type"])
        let certificate: PublicCertificate
        if essence == "multipart/form-data" {
            let form = request.form ?? FormData(fields: [])
            guard let file = form.field("file") else { throw CoreError.missingValue(field: "file") }
            certificate = try services.certificates.upload(
                file.data,
                usageType: try FormText.value("usageType", in: form),
                name: try FormText.value("name", in: form),
                in: environmentID
            )
        } else if let essence, Self.uploadTypes.contains(essence) {
            certificate = try services.certificates.upload(
                request.body,
                usageType: request.queryValue("usageType"),
                in: environmentID
            )
        } else {
            throw HTTPError.unsupportedMediaType(
                received: essence,
                supported: ["multipart/form-data"] + Self.uploadTypes.sorted()
            )
        }
        var response = HTTPResponse.json(
            KeyRepresentation(certificate, at: services.clock.now, selfURL: url(of: certificate)),
            status: .accepted
        )
        response.headers.set(name: "Location", value: url(of: certificate))
        return response
    }

    @Sendable func get(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try Authentication.environment(
            request,
            context,
            services: services,
            permission: .readCertificate
        )
        let choice = try ExportNegotiation.choose(request, binaryTypes: KeysResource.exportTypeNames)
        let id = try Authentication.recordID("certificateID", context, resource: "Certificate")
        if let format = KeysResource.exportTypes[choice] {
            // An export writes a CERTIFICATE.EXPORTED event; reading the JSON does not.
            return .export(try services.certificates.export(id, in: environmentID, as: format), contentType: choice)
        }
        let certificate = try services.certificates.get(id, in: environmentID)
        return HTTPResponse.json(
            KeyRepresentation(certificate, at: services.clock.now, selfURL: url(of: certificate))
        )
    }

    @Sendable func delete(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try Authentication.environment(
            request,
            context,
            services: services,
            permission: .deleteCertificate
        )
        try services.certificates.delete(
            try Authentication.recordID("certificateID", context, resource: "Certificate"),
            in: environmentID
        )
        return HTTPResponse(status: .noContent)
    }

    /// The applications that use the certificate: none in Keyward (see `KeysResource.applications`).
    @Sendable func applications(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try Authentication.environment(
            request,
            context,
            services: services,
            permission: .readCertificate
        )
        let certificate = try services.certificates.get(
            try Authentication.recordID("certificateID", context, resource: "Certificate"),
            in: environmentID
        )
        return try .noApplications(selfURL: url(of: certificate) + "/applications")
    }

    private func url(of certificate: PublicCertificate) -> String {
        let environment = certificate.environmentID.lowercaseString
        return services.apiURL("/environments/\(environment)/certificates/\(certificate.id.lowercaseString)")
    }

}
