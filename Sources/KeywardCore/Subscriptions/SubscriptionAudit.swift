#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension AuditResource {
    /// A webhook subscription as a resource.
    public static func subscription(_ subscription: Subscription) -> AuditResource {
        AuditResource(
            type: "SUBSCRIPTION",
            id: subscription.id,
            name: subscription.name,
            environmentID: subscription.environmentID
        )
    }
}

extension AuditLog {
    /// Records `action` on a subscription, listed in its environment.
    static func record(
        _ action: AuditAction,
        subscription: Subscription,
        _ description: String,
        at time: Date,
        in writer: any StoreWriter
    ) throws {
        let environment = try writer.requireEnvironment(subscription.environmentID)
        try record(
            action,
            .subscription(subscription),
            .success(description),
            environmentID: subscription.environmentID,
            organizationID: environment.organizationID,
            at: time,
            in: writer
        )
    }
}
