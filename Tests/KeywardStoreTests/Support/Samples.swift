import Foundation
import KeywardCore
import KeywardCrypto

/// Records with every field set to a distinct value, times at millisecond precision (as the store keeps them).
enum Sample {
    /// One P-256 key shared by tests that need many keys but do not look at them.
    static let sharedKey: PrivateKey = {
        do { return try PrivateKey.generate(.p256) } catch { preconditionFailure("P-256 generation failed: \(error)") }
    }()

    static let created = Date(timeIntervalSince1970: 1_780_000_000.123)
    static let updated = Date(timeIntervalSince1970: 1_780_000_500.456)

    static func certificateDER(_ label: String) -> [UInt8] {
        // Stand-in bytes: the store keeps certificates as opaque DER and never parses them.
        [0x30, 0x82] + Array("certificate of \(label) \(UUID().uuidString)".utf8)
    }

    static func organization(name: String = "Example Corp \(UUID().uuidString.prefix(8))", created: Date = created)
        -> Organization
    {
        Organization(
            id: UUID(),
            name: name,
            description: "an organization for tests",
            type: "INTERNAL",
            createdAt: created,
            updatedAt: updated,
            certificateDER: certificateDER(name)
        )
    }

    static func environment(in organization: Organization, name: String = "Production", created: Date = created)
        -> Environment
    {
        Environment(
            id: UUID(),
            organizationID: organization.id,
            name: name,
            description: "where it runs",
            region: "EU",
            type: "PRODUCTION",
            licenseID: "3f2c9b8e-1d4a-4c6b-9e7f-0a1b2c3d4e5f",
            billOfMaterialsJSON: #"{"products":[{"type":"PING_ONE_BASE"}]}"#,
            createdAt: created,
            updatedAt: updated
        )
    }

    static func key(
        in environment: Environment,
        id: UUID = UUID(),
        spec: KeySpec = .p256,
        usageType: UsageType = .signing,
        isDefault: Bool = false
    ) throws -> Key {
        Key(
            id: id,
            environmentID: environment.id,
            organizationID: environment.organizationID,
            name: "key \(id.uuidString.prefix(8))",
            algorithm: spec.algorithm,
            keyLength: spec.keyLength,
            signatureAlgorithm: spec.algorithm == .rsa ? .sha384WithRSA : .sha256WithECDSA,
            subjectDN: "CN=leaf.example.com, OU=Platform, O=Example Corp, L=, ST=, C=US",
            issuerDN: "CN=Example Org CA, O=Example Corp, C=US",
            serialNumber: try SerialNumber(bytes: Array(repeating: 0x7F, count: 19) + [0x01]),
            validityPeriod: 397,
            usageType: usageType,
            isDefault: isDefault,
            customCRL: "http://crl.example.com/issuing.crl",
            trustChain: [pem("org"), pem("root")],
            createdAt: created,
            startsAt: created.addingTimeInterval(-60),
            expiresAt: created.addingTimeInterval(397 * 86400),
            revokedAt: updated,
            certificateDER: certificateDER(id.uuidString)
        )
    }

    static func rotationPolicy(in environment: Environment) -> RotationPolicy {
        RotationPolicy(
            id: UUID(),
            environmentID: environment.id,
            name: "Key Rotation Policy for \(environment.name) environment",
            isDefault: true,
            dn: "CN=Key Rotation Policy, O=Example Corp",
            keyLength: 3072,
            validityPeriod: 180,
            rotationPeriod: 30,
            currentKeyID: UUID(),
            nextKeyID: UUID(),
            rotatedAt: updated,
            createdAt: created
        )
    }

    /// A PEM-shaped string with a newline inside and a quote, to prove the JSON column keeps it exact.
    static func pem(_ label: String) -> String {
        "-----BEGIN CERTIFICATE-----\nMIIB\"\(label)\"\n-----END CERTIFICATE-----\n"
    }

    /// An organization and an environment, inserted; the starting point of most tests.
    static func tenant(in store: some Store, environmentName: String = "Production") throws -> (
        Organization, Environment
    ) {
        let organization = organization()
        let environment = environment(in: organization, name: environmentName)
        try store.write { writer in
            try writer.insert(organization, privateKey: sharedKey)
            try writer.insert(environment)
        }
        return (organization, environment)
    }
}
