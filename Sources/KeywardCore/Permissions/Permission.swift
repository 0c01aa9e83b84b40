/// One named right over a kind of resource, written as PingOne's `service:action:resource`
/// (`certmgt:read:key`). A role is a set of these; every API endpoint requires exactly one.
///
/// PingOne's own identifiers are used where its sources name them (`certmgt:{read,create,
/// update,delete}:{key,certificate}`, `orgmgt:…`, `applications:…`, `permissions:…`,
/// `audit_reporting:read:activity`). Keyward adds `certmgt:export:key`, `certmgt:use:key`,
/// `certmgt:rotate:keyRotationPolicy` and `certmgt:revoke:key` in the same pattern.
public enum Permission: String, CaseIterable, Hashable, Sendable, Comparable {
    case readKey = "certmgt:read:key"
    case createKey = "certmgt:create:key"
    case updateKey = "certmgt:update:key"
    case deleteKey = "certmgt:delete:key"
    /// Exporting a key's certificate as PEM, DER or PKCS#7, or its CSR.
    case exportKey = "certmgt:export:key"
    /// Signing or decrypting with a private key (the cryptographic operations API).
    case useKey = "certmgt:use:key"
    case readKeyRotationPolicy = "certmgt:read:keyRotationPolicy"
    case createKeyRotationPolicy = "certmgt:create:keyRotationPolicy"
    case updateKeyRotationPolicy = "certmgt:update:keyRotationPolicy"
    case deleteKeyRotationPolicy = "certmgt:delete:keyRotationPolicy"
    case rotateKeyRotationPolicy = "certmgt:rotate:keyRotationPolicy"
    case revokeKey = "certmgt:revoke:key"
    case readCertificate = "certmgt:read:certificate"
    case createCertificate = "certmgt:create:certificate"
    case updateCertificate = "certmgt:update:certificate"
    case deleteCertificate = "certmgt:delete:certificate"
    case readEnvironment = "orgmgt:read:environment"
    case createEnvironment = "orgmgt:create:environment"
    case updateEnvironment = "orgmgt:update:environment"
    case deleteEnvironment = "orgmgt:delete:environment"
    case readOrganization = "orgmgt:read:organization"
    case createApplication = "applications:create:application"
    case readApplication = "applications:read:application"
    case updateApplication = "applications:update:application"
    case deleteApplication = "applications:delete:application"
    case readSecret = "applications:read:secret"
    case updateSecret = "applications:update:secret"
    case deleteSecret = "applications:delete:secret"
    case readRoleAssignments = "permissions:read:applicationRoleAssignments"
    case createRoleAssignments = "permissions:create:applicationRoleAssignments"
    case deleteRoleAssignments = "permissions:delete:applicationRoleAssignments"
    case readRoles = "permissions:read:roles"
    case readActivity = "audit_reporting:read:activity"
    case readSubscription = "subscriptions:read:subscription"
    case createSubscription = "subscriptions:create:subscription"
    case updateSubscription = "subscriptions:update:subscription"
    case deleteSubscription = "subscriptions:delete:subscription"

    /// The resource the permission applies to: PingOne's `classifier` (the third part).
    public var classifier: String {
        String(rawValue.split(separator: ":").last ?? "")
    }

    /// The action (the second part): `read`, `create`, `export` …
    public var action: String {
        let parts = rawValue.split(separator: ":")
        return parts.count == 3 ? String(parts[1]) : ""
    }

    /// Whether the permission only reads (no change, no private-key use, no export).
    public var isReadOnly: Bool { action == "read" }

    /// A sentence for the role object's `permissions[].description`.
    public var description: String {
        let resource = Self.resourceNames[classifier] ?? classifier
        switch action {
        case "export": return "Export \(resource) certificates and signing requests"
        case "use": return "Sign and decrypt with \(resource) private keys"
        case "rotate": return "Rotate \(resource)"
        case "revoke": return "Revoke \(resource) certificates"
        default: return "\(action.prefix(1).uppercased())\(action.dropFirst()) \(resource)"
        }
    }

    private static let resourceNames = [
        "key": "keys", "certificate": "certificates", "keyRotationPolicy": "key rotation policies",
        "environment": "environments", "organization": "organizations", "application": "applications",
        "secret": "application secrets", "applicationRoleAssignments": "application role assignments",
        "roles": "roles", "activity": "audit activities", "subscription": "webhook subscriptions",
    ]

    public static func < (lhs: Permission, rhs: Permission) -> Bool { lhs.rawValue < rhs.rawValue }
}
