import Foundation
import KeywardCore
import KeywardCrypto
import KeywardHTTP
import KeywardStore

/// A running Keyward API on a loopback port over a fresh SQLite installation: root CA, two
/// organizations (the second only to prove isolation), environments A and B in the first and
/// C in the second, and one administrator application per organization.
///
/// Secrets are hashed with few PBKDF2 iterations so that tests are quick; everything else is
/// as `keyward serve` runs it.
final class APIServer {
    let directory: URL
    let store: SQLiteStore
    let services: APIServices
    let server: HTTPServer
    let organization: Organization
    let environmentA: Environment
    let environmentB: Environment
    let otherOrganization: Organization
    let environmentC: Environment
    let clientID: String
    let clientSecret: String
    let otherClientID: String
    let otherClientSecret: String

    var port: Int { server.port }

    init(clock: any Clock = SystemClock(), rateLimits: RateLimitSettings = .off) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("keyward-api-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let masterKey = try MasterKey.create(in: directory.path)
        store = try SQLiteStore(path: directory.appendingPathComponent("keyward.db").path, masterKey: masterKey)
        try InstallationService(store: store, clock: clock).initialise()
        let organizations = OrganizationService(store: store, clock: clock)
        let environments = EnvironmentService(store: store, clock: clock)
        let applications = ApplicationService(store: store, clock: clock, hashIterations: 1000)
        organization = try organizations.create(name: "Example Corp")
        environmentA = try environments.create(EnvironmentRequest(name: "Staging"), in: organization.id)
        environmentB = try environments.create(EnvironmentRequest(name: "Production"), in: organization.id)
        otherOrganization = try organizations.create(name: "Other Corp")
        environmentC = try environments.create(EnvironmentRequest(name: "Elsewhere"), in: otherOrganization.id)
        let (application, secret) = try applications.create(name: "admin", in: environmentA.id)
        clientID = application.id.uuidString.lowercased()
        clientSecret = secret
        let (other, otherSecret) = try applications.create(name: "other admin", in: environmentC.id)
        // As `keyward init` does: each administrator holds Organization Admin over its organization.
        let roles = RoleAssignmentService(store: store, clock: clock)
        try roles.grantAsOperator(
            BuiltInRoles.organizationAdminID,
            at: .organization(organization.id),
            to: application.id
        )
        try roles.grantAsOperator(
            BuiltInRoles.organizationAdminID,
            at: .organization(otherOrganization.id),
            to: other.id
        )
        otherClientID = other.id.uuidString.lowercased()
        otherClientSecret = otherSecret
        var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
        configuration.threadCount = 2
        // Access lines would drown the test output; failures (5xx) are still written.
        configuration.logger = Logger(level: .warn)
        // The base URL must name the port, which is known only once the server listens: a
        // placeholder is used for links, and tests compare paths, not hosts.
        services = APIServices(
            store: store,
            clock: clock,
            baseURL: "http://127.0.0.1",
            secretHashIterations: 1000,
            rateLimits: rateLimits
        )
        server = try HTTPServer(configuration: configuration, router: Routes.makeRouter(services))
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// A new connection to the server.
    func client() throws -> RawHTTPClient {
        try RawHTTPClient(port: port)
    }

    /// An access token for the first organization's administrator (or the other one's).
    func token(other: Bool = false) throws -> String {
        let environment = other ? environmentC : environmentA
        let id = other ? otherClientID : clientID
        let secret = other ? otherClientSecret : clientSecret
        let body = "grant_type=client_credentials&client_id=\(id)&client_secret=\(secret)"
        let response = try client().request(
            "POST",
            "/\(environment.id.uuidString.lowercased())/as/token",
            headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array(body.utf8)
        )
        guard response.status == 200 else {
            throw SocketError(
                call: "token: HTTP \(response.status) \(String(decoding: response.body, as: UTF8.self))",
                code: 0
            )
        }
        return try decodeJSON(TokenAnswer.self, from: response.body).accessToken
    }

    /// Rows of `table` in the database, to prove a refused request changed nothing.
    func count(_ table: String) throws -> Int {
        try store.read { reader in
            switch table {
            case "keys":
                try reader.environments(organizationID: organization.id).reduce(0) {
                    $0 + (try reader.keyCount(environmentID: $1.id))
                }
            case "certificates":
                try reader.environments(organizationID: organization.id).reduce(0) {
                    $0 + (try reader.certificateCount(environmentID: $1.id))
                }
            case "environments": try reader.environments(organizationID: organization.id).count
            default: -1
            }
        }
    }
}

/// The token endpoint's answer.
struct TokenAnswer: Decodable {
    let accessToken: String
    let tokenType: String
    let expiresIn: Int

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case tokenType = "token_type"
        case expiresIn = "expires_in"
    }
}

/// An authenticated JSON/binary API caller over one keep-alive connection.
///
/// The server closes a connection idle for 30 s; a client shared across a suite reconnects
/// once when its connection turns out to be closed.
final class APIClient {
    let server: APIServer
    private(set) var connection: RawHTTPClient
    let token: String

    init(_ server: APIServer, other: Bool = false) throws {
        self.server = server
        connection = try server.client()
        token = try server.token(other: other)
    }

    /// A client that sends `token` (any application's, or a forged one).
    init(_ server: APIServer, token: String) throws {
        self.server = server
        connection = try server.client()
        self.token = token
    }

    func call(
        _ method: String,
        _ path: String,
        headers: [(String, String)] = [],
        body: [UInt8] = []
    ) throws -> RawHTTPResponse {
        let allHeaders = [("Authorization", "Bearer \(token)")] + headers
        do {
            return try connection.request(method, path, headers: allHeaders, body: body)
        } catch is SocketError {
            connection = try server.client()
            return try connection.request(method, path, headers: allHeaders, body: body)
        }
    }

    func json(_ method: String, _ path: String, _ text: String) throws -> RawHTTPResponse {
        try call(method, path, headers: [("Content-Type", "application/json")], body: Array(text.utf8))
    }
}
