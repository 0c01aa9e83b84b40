import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `/v1/environments/{environmentID}/subscriptions[/{subscriptionID}[/signingSecret]]`: PingOne's
/// webhook subscriptions (at most 50 per environment), plus Keyward's signing secret. The secret
/// is returned by the create answer and by `POST …/signingSecret` (which rotates it), never by a
/// read; deliveries are made by `KeywardWebhooks`.
struct SubscriptionsResource {
    let services: APIServices

    func register(in router: inout Router) {
        let path = "/v1/environments/{environmentID}/subscriptions"
        router.add(.get, path, handler: list)
        router.add(.post, path, handler: create)
        router.add(.get, path + "/{subscriptionID}", handler: get)
        router.add(.put, path + "/{subscriptionID}", handler: update)
        router.add(.delete, path + "/{subscriptionID}", handler: delete)
        router.add(.post, path + "/{subscriptionID}/signingSecret", handler: rotateSigningSecret)
    }

    @Sendable func list(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try Authentication.environment(
            request,
            context,
            services: services,
            permission: .readSubscription
        )
        let subscriptions = try services.subscriptions.list(in: environmentID)
        return try .json(
            CollectionRepresentation(
                name: "subscriptions",
                items: subscriptions.map { SubscriptionRepresentation.json($0, services: services) },
                selfURL: services.apiURL("/environments/\(environmentID.lowercaseString)/subscriptions"),
                nextURL: nil,
                count: subscriptions.count
            )
        )
    }

    /// 201 with the subscription and, this once, its `signingSecret`.
    @Sendable func create(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try Authentication.environment(
            request,
            context,
            services: services,
            permission: .createSubscription
        )
        let body = try SubscriptionBody(request)
        let (subscription, secret) = try services.subscriptions.create(body.request, in: environmentID)
        var response = try HTTPResponse.json(
            SubscriptionRepresentation.json(subscription, services: services, signingSecret: secret),
            status: .created
        )
        response.headers.set(name: "Location", value: SubscriptionRepresentation.url(subscription, services: services))
        return response
    }

    @Sendable func get(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try Authentication.environment(
            request,
            context,
            services: services,
            permission: .readSubscription
        )
        let subscription = try services.subscriptions.get(try Self.subscriptionID(context), in: environmentID)
        return try .json(SubscriptionRepresentation.json(subscription, services: services))
    }

    @Sendable func update(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try Authentication.environment(
            request,
            context,
            services: services,
            permission: .updateSubscription
        )
        let id = try Self.subscriptionID(context)
        _ = try services.subscriptions.get(id, in: environmentID)
        let body = try SubscriptionBody(request)
        let subscription = try services.subscriptions.update(id, in: environmentID, with: body.request)
        return try .json(SubscriptionRepresentation.json(subscription, services: services))
    }

    @Sendable func delete(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try Authentication.environment(
            request,
            context,
            services: services,
            permission: .deleteSubscription
        )
        try services.subscriptions.delete(try Self.subscriptionID(context), in: environmentID)
        return HTTPResponse(status: .noContent)
    }

    /// 200 with the subscription and its new `signingSecret`; the previous secret stops at once.
    @Sendable func rotateSigningSecret(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let environmentID = try Authentication.environment(
            request,
            context,
            services: services,
            permission: .updateSubscription
        )
        let (subscription, secret) = try services.subscriptions.rotateSigningSecret(
            try Self.subscriptionID(context),
            in: environmentID
        )
        return try .json(SubscriptionRepresentation.json(subscription, services: services, signingSecret: secret))
    }

    static func subscriptionID(_ context: RequestContext) throws -> UUID {
        try Authentication.recordID("subscriptionID", context, resource: "Subscription")
    }
}
