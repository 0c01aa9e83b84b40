#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Writes audit events inside the caller's store transaction, so that an event and its change
/// commit together or not at all: if the event cannot be written, the change does not happen.
///
/// The actor, correlation id and client address come from `AuditContext.current` unless the
/// caller names the actor (the token endpoint, where the client proves itself by its secret).
enum AuditLog {
    /// Inserts the event of `action` on `resource`, listed in `environmentID`.
    static func record(
        _ action: AuditAction,
        _ resource: AuditResource?,
        _ result: AuditResult,
        environmentID: UUID,
        organizationID: UUID,
        at time: Date,
        actor explicitActor: Principal? = nil,
        in writer: any StoreWriter
    ) throws {
        let context = AuditContext.current
        let principal = explicitActor ?? context?.actingPrincipal
        let actor = try principal.map { principal in
            let application = try writer.application(id: principal.clientID, environmentID: principal.environmentID)
            return Self.auditActor(principal, application: application)
        }
        try writer.insert(
            event(
                action,
                resource,
                result,
                environmentID: environmentID,
                organizationID: organizationID,
                at: time,
                actor: actor,
                context: context
            )
        )
    }

    /// The actor `principal` as an event names it: its application's name at the time, or its
    /// client id when the application is gone.
    static func auditActor(_ principal: Principal, application: Application?) -> AuditActor {
        AuditActor(
            clientID: principal.clientID,
            name: application?.name ?? principal.clientID.lowercaseString,
            environmentID: principal.environmentID
        )
    }

    /// The event of `action` on `resource`, with its actor already resolved and the correlation
    /// id and address of `context`: for events built before their transaction begins.
    static func event(
        _ action: AuditAction,
        _ resource: AuditResource?,
        _ result: AuditResult,
        environmentID: UUID,
        organizationID: UUID,
        at time: Date,
        actor: AuditActor?,
        context: AuditContext?
    ) -> AuditEvent {
        AuditEvent(
            id: UUID.timeOrdered(at: time),
            environmentID: environmentID,
            organizationID: organizationID,
            recordedAt: time,
            createdAt: time,
            correlationID: context?.correlationID,
            action: action,
            actor: actor,
            resource: resource,
            result: result,
            clientAddress: context?.clientAddress
        )
    }

    /// Records `action` on a key, listed in the key's environment.
    static func record(
        _ action: AuditAction,
        key: Key,
        _ description: String,
        at time: Date,
        in writer: any StoreWriter
    ) throws {
        try record(
            action,
            .key(key),
            .success(description),
            environmentID: key.environmentID,
            organizationID: key.organizationID,
            at: time,
            in: writer
        )
    }

    /// Records `action` on a key rotation policy, listed in its environment.
    static func record(
        _ action: AuditAction,
        policy: RotationPolicy,
        organizationID: UUID,
        _ description: String,
        at time: Date,
        in writer: any StoreWriter
    ) throws {
        try record(
            action,
            .rotationPolicy(policy),
            .success(description),
            environmentID: policy.environmentID,
            organizationID: organizationID,
            at: time,
            in: writer
        )
    }

    /// Records `action` on a public certificate, listed in its environment.
    static func record(
        _ action: AuditAction,
        certificate: PublicCertificate,
        _ description: String,
        at time: Date,
        in writer: any StoreWriter
    ) throws {
        try record(
            action,
            .certificate(certificate),
            .success(description),
            environmentID: certificate.environmentID,
            organizationID: certificate.organizationID,
            at: time,
            in: writer
        )
    }

    /// Records `action` on an environment. It is listed in the acting application's environment
    /// (where the administrator looks), or in the environment itself when no one is acting.
    static func record(
        _ action: AuditAction,
        environment: Environment,
        _ description: String,
        at time: Date,
        in writer: any StoreWriter
    ) throws {
        let listedIn = AuditContext.current?.actingPrincipal?.environmentID ?? environment.id
        try record(
            action,
            .environment(environment),
            .success(description),
            environmentID: listedIn,
            organizationID: environment.organizationID,
            at: time,
            in: writer
        )
    }

    /// Records `action` on an application (API client), listed in its environment: its
    /// creation, changes, secret rotations and role assignments.
    static func record(
        _ action: AuditAction,
        application: Application,
        _ description: String,
        at time: Date,
        in writer: any StoreWriter
    ) throws {
        let environment = try writer.requireEnvironment(application.environmentID)
        try record(
            action,
            .application(application),
            .success(description),
            environmentID: application.environmentID,
            organizationID: environment.organizationID,
            at: time,
            in: writer
        )
    }
}
