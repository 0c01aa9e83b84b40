import Foundation
import KeywardCore
import KeywardStore
import Testing

/// `keyward serve`'s options, by running the real binary (built by `swift build --build-tests`).
@Suite struct ServeCommandLineTests {
    static let keyward = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug/keyward").path

    /// A process with the variables serve reads (and the master key) removed, then `environment` added.
    private static func makeProcess(_ arguments: [String], environment: [String: String]) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: keyward)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment
            .filter { !$0.key.hasPrefix("KEYWARD_") }
            .merging(environment) { $1 }
        return process
    }

    private func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (Int32, String, String) {
        let process = Self.makeProcess(arguments, environment: environment)
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, out, err)
    }

    private func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("keyward-serve-\(UUID().uuidString)").path
    }

    /// Invalid values, as flags or variables, and what the message must name.
    static let invalidValues: [(arguments: [String], environment: [String: String], named: String)] = [
        (["--port", "70000"], [:], "--port needs a number from 0 to 65535"),
        ([], ["KEYWARD_PORT": "http"], "--port (from KEYWARD_PORT) needs a number"),
        (["--log-level", "verbose"], [:], "--log-level needs one of error, warn, info, debug"),
        ([], ["KEYWARD_LOG_LEVEL": "trace"], "--log-level (from KEYWARD_LOG_LEVEL)"),
        (["--host", "localhost"], [:], "--host needs an IPv4 address"),
        (["--max-body-size", "0"], [:], "--max-body-size needs a number of bytes"),
        (["--tls-key", "not-a-pair"], [:], "--tls-key needs ENVIRONMENT_ID/KEY_ID"),
        (["--store-url", "mysql://db/keyward"], [:], "--store-url needs sqlite:PATH"),
        ([], ["KEYWARD_STORE_URL": "postgres://db/keyward"], "PostgreSQL is not available in this build"),
        (["--verbose"], [:], "unknown option '--verbose'"),
        (["--rate-limit-client", "-1"], [:], "--rate-limit-client needs a number from 0 to 1000000"),
        ([], ["KEYWARD_LOCKOUT_SECONDS": "0"], "--lockout-seconds (from KEYWARD_LOCKOUT_SECONDS) needs a number"),
        (["--public-url", "keyward.example.com"], [:], "--public-url needs an http:// or https:// URL"),
        (["--key-pool", "rsa1024=4"], [:], "--key-pool needs SPEC=COUNT"),
        (["--key-use-events", "never"], [:], "--key-use-events needs full or process"),
        ([], ["KEYWARD_KEY_POOL": "p256=-1"], "--key-pool (from KEYWARD_KEY_POOL) needs SPEC=COUNT"),
        (["--threads", "0"], [:], "--threads needs a number of threads from 1 to 1024"),
        (["--webhooks", "maybe"], [:], "--webhooks needs on or off"),
        (["--webhook-local-targets", "yes"], [:], "--webhook-local-targets needs allow or deny"),
        (["--scheduler-interval", "-1"], [:], "--scheduler-interval needs a number of seconds from 0 to 86400"),
        ([], ["KEYWARD_WEBHOOKS": "yes"], "--webhooks (from KEYWARD_WEBHOOKS) needs on or off"),
    ]

    @Test(arguments: invalidValues.indices)
    func invalidValueExits64NamingTheFlag(_ index: Int) throws {
        let (arguments, environment, named) = Self.invalidValues[index]
        let (status, _, error) = try run(["serve"] + arguments, environment: environment)
        #expect(status == 64)
        #expect(error.contains(named), "\(error)")
    }

    @Test func flagWinsOverItsEnvironmentVariable() throws {
        let directory = temporaryPath()
        let (status, _, error) = try run(
            ["serve", "--port", "0", "--data-dir", directory],
            environment: ["KEYWARD_PORT": "http", "KEYWARD_DATA_DIR": "/nonexistent/from-env"]
        )
        // The variable's bad port was never read: the options parse, and the directory is the flag's.
        #expect(status == 1)
        #expect(error.contains("run keyward init --data-dir \(directory) first"), "\(error)")
    }

    @Test func environmentVariableWinsOverTheDefault() throws {
        let directory = temporaryPath()
        let (status, _, error) = try run(["serve"], environment: ["KEYWARD_DATA_DIR": directory])
        #expect(status == 1)
        #expect(error.contains("\(directory)/keyward.db holds no installation"), "\(error)")
    }

    @Test func storeURLNamesTheDatabaseFile() throws {
        let directory = temporaryPath()
        let (status, _, error) = try run(["serve", "--store-url", "sqlite:\(directory)/other.db"])
        #expect(status == 1)
        #expect(error.contains("\(directory)/other.db holds no installation"), "\(error)")
    }

    @Test func helpExplainsEveryFlagAndVariable() throws {
        let (status, output, _) = try run(["serve", "--help"])
        #expect(status == 0)
        for flag in [
            "--host", "--port", "--data-dir", "--store-url", "--log-level", "--max-body-size", "--tls-key",
            "--public-url", "--key-pool", "--key-use-events", "--rate-limit-client", "--rate-limit-address",
            "--lockout-failures",
            "--lockout-seconds", "--threads",
            "--webhooks", "--webhook-local-targets", "--scheduler-interval",
        ] {
            #expect(output.contains(flag))
        }
        for variable in [
            "KEYWARD_HOST", "KEYWARD_PORT", "KEYWARD_DATA_DIR", "KEYWARD_STORE_URL", "KEYWARD_LOG_LEVEL",
            "KEYWARD_MAX_BODY_SIZE", "KEYWARD_TLS_KEY",
            "KEYWARD_WEBHOOKS", "KEYWARD_WEBHOOK_LOCAL_TARGETS", "KEYWARD_SCHEDULER_INTERVAL",
        ] {
            #expect(output.contains(variable))
        }
    }

    @Test func tlsKeyThatIsNotSSLTLSIsRefusedWith64() throws {
        let directory = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try run(["init", "--data-dir", directory]).0 == 0)
        let (environmentID, key) = try Self.createKey(in: directory, usageType: "SIGNING")
        let (status, _, error) = try run(["serve", "--data-dir", directory, "--tls-key", "\(environmentID)/\(key)"])
        #expect(status == 64)
        #expect(error.contains("--tls-key"), "\(error)")
        #expect(error.contains("HTTPS needs an SSL/TLS key"), "\(error)")
    }

    @Test func servesHTTPSWithAStoredSSLTLSKeyAndLogsEachRequest() throws {
        let directory = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try run(["init", "--data-dir", directory]).0 == 0)
        let (environmentID, key) = try Self.createKey(in: directory, usageType: "SSL/TLS")

        let process = Self.makeProcess(
            ["serve", "--data-dir", directory],
            environment: ["KEYWARD_PORT": "0", "KEYWARD_TLS_KEY": "\(environmentID)/\(key)"]
        )
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        defer {
            if process.isRunning { process.terminate() }
        }
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        let url = try #require(line.firstMatch(of: /https:\/\/127\.0\.0\.1:\d+/)).output

        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["--silent", "--insecure", "--header", "Authorization: Bearer secret", "\(url)/health"]
        let body = Pipe()
        curl.standardOutput = body
        try curl.run()
        let health = String(decoding: body.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        curl.waitUntilExit()
        process.terminate()  // SIGTERM: a graceful stop
        process.waitUntilExit()
        let log = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)

        #expect(health.contains(#""status":"UP""#))
        #expect(process.terminationStatus == 0)
        #expect(log.contains(" info access GET /health 200 "), "\(log)")
        #expect(!log.contains("secret"))
    }

    /// Creates an organization, an environment and a key of `usageType` in the installation in `directory`.
    private static func createKey(in directory: String, usageType: String) throws -> (String, String) {
        let store = try SQLiteStore(
            path: "\(directory)/keyward.db",
            masterKey: try MasterKey.load(dataDirectory: directory)
        )
        let organization = try OrganizationService(store: store).create(name: "Acme")
        let environment = try EnvironmentService(store: store).create(
            EnvironmentRequest(name: "Prod"),
            in: organization.id
        )
        let key = try KeyService(store: store).create(
            KeyCreationRequest(
                name: "web",
                algorithm: "EC",
                keyLength: 256,
                signatureAlgorithm: "SHA256withECDSA",
                subjectDN: "CN=127.0.0.1, OU=Web, O=Acme, L=Oslo, ST=Oslo, C=NO",
                validityPeriod: 30,
                usageType: usageType
            ),
            in: environment.id
        )
        return (environment.id.uuidString.lowercased(), key.id.uuidString.lowercased())
    }
}
