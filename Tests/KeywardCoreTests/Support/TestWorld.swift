import Foundation
import KeywardCore
import KeywardStore

/// A real installation in a temporary directory: SQLite store, master key, a manual clock,
/// the root CA, one organization and two environments (A and B).
final class TestWorld {
    let directory: URL
    let clock: ManualClock
    let store: SQLiteStore
    let organizations: OrganizationService
    let environments: EnvironmentService
    let keys: KeyService
    let organization: Organization
    let environmentA: Environment
    let environmentB: Environment

    init(now: Date = Date()) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("keyward-core-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        clock = ManualClock(now)
        let masterKey = try MasterKey.create(in: directory.path)
        store = try SQLiteStore(path: directory.appendingPathComponent("keyward.db").path, masterKey: masterKey)
        try InstallationService(store: store, clock: clock).initialise()
        organizations = OrganizationService(store: store, clock: clock)
        environments = EnvironmentService(store: store, clock: clock)
        keys = KeyService(store: store, clock: clock)
        organization = try organizations.create(name: "Example Corp")
        environmentA = try environments.create(EnvironmentRequest(name: "Staging"), in: organization.id)
        environmentB = try environments.create(EnvironmentRequest(name: "Production"), in: organization.id)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Keys a new environment holds: its default key, and the current and next keys of its
    /// default rotation policy.
    static let keysPerNewEnvironment = 3

    /// The environment's default SIGNING key (not a rotation policy's).
    func defaultKey(in environment: Environment) throws -> Key {
        let key = try store.read { try $0.defaultKey(environmentID: environment.id, usageType: .signing) }
        guard let key else { throw CoreError.notFound(resource: "Key", id: "default") }
        return key
    }

    /// A valid create-key body; tweak the result as needed.
    static func keyRequest(
        algorithm: String = "EC",
        keyLength: Int = 256,
        signatureAlgorithm: String = "SHA256withECDSA",
        usageType: String = "SIGNING",
        isDefault: Bool = false,
        issuerDN: String? = nil,
        validityPeriod: Int = 365
    ) -> KeyCreationRequest {
        KeyCreationRequest(
            algorithm: algorithm,
            keyLength: keyLength,
            signatureAlgorithm: signatureAlgorithm,
            subjectDN: "CN=Partner signing key, OU=Platform, O=Example Corp, L=, ST=, C=US",
            issuerDN: issuerDN,
            validityPeriod: validityPeriod,
            usageType: usageType,
            isDefault: isDefault
        )
    }
}
