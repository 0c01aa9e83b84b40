#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The roles Keyward knows: three of PingOne's built-in admin roles and two of its own.
///
/// Ids are constants, as PingOne's are (clients hard-code Environment Admin's). PingOne
/// publishes no id for Organization Admin and Configuration Read Only; Keyward fixed the ones
/// below once, and they never change.
///
/// | role | id | held at | permissions |
/// | --- | --- | --- | --- |
/// | Organization Admin | `ddd1bc4e-495c-44d8-be7e-5faae3f2fe6a` | ORGANIZATION | all |
/// | Environment Admin | `29ddce68-cd7f-4b2a-b6fc-f7a19553b496` (PingOne's) | both | all |
/// | Configuration Read Only | `c3a8db10-2447-40d6-b284-9c51e776fc62` | both | every read but secrets and audit |
/// | Key and Certificate Operator | `dc17e9cb-66d1-4497-ae5b-07f3d15c35a8` | both | read, create, update, export, use keys and certificates; no delete |
/// | Auditor | `0243d516-6c6d-488b-91c6-7200c35fe1b5` | both | every read but secrets, audit included |
public enum BuiltInRoles {
    public static let organizationAdminID = fixedID("ddd1bc4e-495c-44d8-be7e-5faae3f2fe6a")
    public static let environmentAdminID = fixedID("29ddce68-cd7f-4b2a-b6fc-f7a19553b496")
    public static let configurationReadOnlyID = fixedID("c3a8db10-2447-40d6-b284-9c51e776fc62")
    public static let keyAndCertificateOperatorID = fixedID("dc17e9cb-66d1-4497-ae5b-07f3d15c35a8")
    public static let auditorID = fixedID("0243d516-6c6d-488b-91c6-7200c35fe1b5")

    /// Every permission, organization management included. Assignable only by its own holders.
    public static let organizationAdmin = Role(
        id: organizationAdminID,
        name: "Organization Admin",
        description: "Manages the organization, its environments and everything in them",
        applicableTo: [.organization],
        permissions: Set(Permission.allCases),
        isPingOneRole: true
    )

    /// Every permission over the environments it is held at (all of them when held at the
    /// organization, which also lets it create environments). Assignable by Organization Admins.
    public static let environmentAdmin = Role(
        id: environmentAdminID,
        name: "Environment Admin",
        description: "Manages environments and their keys, certificates, applications and roles",
        applicableTo: [.organization, .environment],
        permissions: Set(Permission.allCases),
        isPingOneRole: true,
        assignableBy: [organizationAdminID]
    )

    /// The read-only subset of Environment Admin, without secrets and audit activities.
    public static let configurationReadOnly = Role(
        id: configurationReadOnlyID,
        name: "Configuration Read Only",
        description: "Reads the configuration of environments: keys, certificates, applications and roles",
        applicableTo: [.organization, .environment],
        permissions: Set(Permission.allCases.filter { $0.isReadOnly && $0 != .readSecret && $0 != .readActivity }),
        isPingOneRole: true,
        assignableBy: [organizationAdminID, environmentAdminID]
    )

    /// Keyward's: reads and uses keys and certificates (create, import a CA's answer, export,
    /// sign and decrypt) but never deletes, rotates or revokes them.
    public static let keyAndCertificateOperator = Role(
        id: keyAndCertificateOperatorID,
        name: "Key and Certificate Operator",
        description: "Creates, reads, exports and uses keys and certificates; cannot delete them",
        applicableTo: [.organization, .environment],
        permissions: [
            .readKey, .createKey, .updateKey, .exportKey, .useKey, .readCertificate, .createCertificate,
            .readKeyRotationPolicy, .readEnvironment, .readOrganization, .readRoles,
        ],
        isPingOneRole: false,
        assignableBy: [organizationAdminID, environmentAdminID]
    )

    /// Keyward's: every read, audit activities included, and nothing else (no secrets).
    public static let auditor = Role(
        id: auditorID,
        name: "Auditor",
        description: "Reads everything, audit activities included; changes nothing",
        applicableTo: [.organization, .environment],
        permissions: Set(Permission.allCases.filter { $0.isReadOnly && $0 != .readSecret }),
        isPingOneRole: false,
        assignableBy: [organizationAdminID, environmentAdminID]
    )

    /// Every role, in the order `GET /roles` lists them.
    public static let all: [Role] = [
        organizationAdmin, environmentAdmin, configurationReadOnly, keyAndCertificateOperator, auditor,
    ]

    /// The role with `id`, if there is one.
    public static func role(id: UUID) -> Role? {
        all.first { $0.id == id }
    }

    /// Parses a constant id; a typo yields the nil UUID, which `BuiltInRolesTests` catches.
    private static func fixedID(_ text: String) -> UUID {
        UUID(uuidString: text) ?? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
    }
}
