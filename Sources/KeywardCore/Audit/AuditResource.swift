#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The record an event is about: PingOne's `resources[]` entry (`type`, `id`, `name`,
/// `environment.id`). Keyward's events name one resource each.
public struct AuditResource: Hashable, Sendable {
    /// `KEY`, `CERTIFICATE`, `ENVIRONMENT`, `APPLICATION` or `KEY_ROTATION_POLICY`.
    public var type: String
    public var id: UUID
    public var name: String
    public var environmentID: UUID

    public init(type: String, id: UUID, name: String, environmentID: UUID) {
        self.type = type
        self.id = id
        self.name = name
        self.environmentID = environmentID
    }

    /// A key (generated or imported) as a resource.
    public static func key(_ key: Key) -> AuditResource {
        AuditResource(type: "KEY", id: key.id, name: key.name, environmentID: key.environmentID)
    }

    /// A public certificate as a resource.
    public static func certificate(_ certificate: PublicCertificate) -> AuditResource {
        AuditResource(
            type: "CERTIFICATE",
            id: certificate.id,
            name: certificate.name,
            environmentID: certificate.environmentID
        )
    }

    /// An environment as a resource.
    public static func environment(_ environment: Environment) -> AuditResource {
        AuditResource(type: "ENVIRONMENT", id: environment.id, name: environment.name, environmentID: environment.id)
    }

    /// An application (API client) as a resource.
    public static func application(_ application: Application) -> AuditResource {
        AuditResource(
            type: "APPLICATION",
            id: application.id,
            name: application.name,
            environmentID: application.environmentID
        )
    }

    /// A key rotation policy as a resource.
    public static func rotationPolicy(_ policy: RotationPolicy) -> AuditResource {
        AuditResource(
            type: "KEY_ROTATION_POLICY",
            id: policy.id,
            name: policy.name,
            environmentID: policy.environmentID
        )
    }
}
