import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `/v1/environments/{environmentID}/applications/{applicationID}/secret`.
///
/// Keyward stores only a hash of each secret, so a secret is shown once: by `POST`, which
/// rotates it (200 with `secret`; `{"previous":{"expiresAt":T}}` keeps the old one valid until T,
/// 1 minute to 30 days ahead). `GET` answers the same object without `secret` (PingOne returns
/// the current value; nothing can here). `DELETE` ends the previous secret's grace at once (204).
/// The caller must be able to grant every role the application holds, or it could hand itself
/// a stronger identity.
struct ApplicationSecretResource {
    let services: APIServices

    struct RotationBody: Decodable {
        struct Previous: Decodable {
            var expiresAt: String?
        }
        var previous: Previous?
    }

    struct SecretRepresentation: Encodable {
        struct Previous: Encodable {
            let expiresAt: String
        }
        let links: [String: HALLink]
        let environment: IDReference
        let secret: String?
        let previous: Previous?

        enum CodingKeys: String, CodingKey {
            case links = "_links"
            case environment, secret, previous
        }
    }

    func register(in router: inout Router) {
        let path = "/v1/environments/{environmentID}/applications/{applicationID}/secret"
        router.add(.get, path, handler: get)
        router.add(.post, path, handler: rotate)
        router.add(.delete, path, handler: deletePrevious)
    }

    @Sendable func get(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let application = try target(request, context, permission: .readSecret)
        return try .json(representation(application, secret: nil))
    }

    @Sendable func rotate(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let application = try target(request, context, permission: .updateSecret)
        var expiry: Date?
        if !request.body.isEmpty {
            let body = try JSONRequestBody.decode(RotationBody.self, from: request)
            if let text = body.previous?.expiresAt {
                guard let date = JSONDate.parse(text) else {
                    throw CoreError.invalidValue(field: "previous.expiresAt", reason: "must be an ISO 8601 time")
                }
                expiry = date
            }
        }
        let (rotated, secret) = try services.applications.rotateSecret(
            application.id,
            in: application.environmentID,
            keepingPreviousUntil: expiry
        )
        return try .json(representation(rotated, secret: secret))
    }

    @Sendable func deletePrevious(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let application = try target(request, context, permission: .deleteSecret)
        try services.applications.deletePreviousSecret(application.id, in: application.environmentID)
        return HTTPResponse(status: .noContent)
    }

    /// The application of the path, once tenancy, `permission` and the role ceiling are checked.
    private func target(_ request: HTTPRequest, _ context: RequestContext, permission: Permission) throws
        -> Application
    {
        let access = try Authentication.environmentAccess(request, context, services: services, permission: nil)
        let application = try services.applications.get(
            try ApplicationsResource.applicationID(context),
            in: access.environmentID
        )
        try access.require(permission)
        try services.roleAssignments.requireCanManage(application.id, by: access.principal)
        return application
    }

    private func representation(_ application: Application, secret: String?) -> SecretRepresentation {
        let url = ApplicationRepresentation.url(application, services: services)
        let environment = application.environmentID.lowercaseString
        return SecretRepresentation(
            links: [
                "self": HALLink(href: url + "/secret"),
                "environment": HALLink(href: services.apiURL("/environments/\(environment)")),
                "application": HALLink(href: url),
            ],
            environment: IDReference(id: environment),
            secret: secret,
            previous: application.previousSecretExpiry(at: services.clock.now).map {
                SecretRepresentation.Previous(expiresAt: JSONDate.string($0))
            }
        )
    }
}
