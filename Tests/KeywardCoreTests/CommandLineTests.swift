import Foundation
import KeywardCore
import KeywardStore
import Testing

/// Runs the real `keyward` binary (built by `swift build --build-tests`).
@Suite struct CommandLineTests {
    static let keyward = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug/keyward").path

    private func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.keyward)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            .filter { environment[$0.key] != nil || $0.key != MasterKey.environmentVariable }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        process.waitUntilExit()
        let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, out, err)
    }

    private func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("keyward-init-\(UUID().uuidString)").path
    }

    @Test func initCreatesAPrivateDirectoryMasterKeyAndDatabaseWithTheRootCA() throws {
        let directory = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (status, output, _) = try run([
            "init", "--data-dir", directory, "--json", "--root-dn", "CN=Acme Root, O=Acme, C=US",
        ])
        #expect(status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: String]
        #expect(json?["rootSubject"] == "CN=Acme Root, O=Acme, C=US")
        for (path, mode) in [
            (directory, 0o700), ("\(directory)/master.key", 0o600), ("\(directory)/keyward.db", 0o600),
        ] {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? Int) == mode, "\(path)")
        }
        let store = try SQLiteStore(
            path: "\(directory)/keyward.db",
            masterKey: try MasterKey.load(dataDirectory: directory)
        )
        let organization = try OrganizationService(store: store).create(name: "Acme")
        #expect(!organization.certificateDER.isEmpty)
    }

    @Test func secondInitOnTheSameDirectoryIsRefusedAndChangesNothing() throws {
        let directory = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try run(["init", "--data-dir", directory]).0 == 0)
        let key = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/master.key"))
        let (status, _, error) = try run(["init", "--data-dir", directory])
        #expect(status == 1)
        #expect(error.contains("already exists"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(directory)/master.key")) == key)
    }

    @Test func invalidRootSubjectIsRefusedBeforeAnythingIsWritten() throws {
        let directory = temporaryPath()
        let (status, _, error) = try run(["init", "--data-dir", directory, "--root-dn", "O=no common name"])
        #expect(status == 1)
        #expect(error.contains("rootSubject: must hold a non-empty CN"))
        #expect(!FileManager.default.fileExists(atPath: directory))
    }

    @Test func masterKeyFromTheEnvironmentIsUsedAndNoKeyFileIsWritten() throws {
        let directory = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let secret = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let (status, output, _) = try run(
            ["init", "--data-dir", directory],
            environment: [MasterKey.environmentVariable: secret]
        )
        #expect(status == 0)
        #expect(output.contains("KEYWARD_MASTER_KEY"))
        #expect(!output.contains(secret))
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/master.key"))
    }

    @Test func serveRefusesADirectoryWithoutAnInstallation() throws {
        let directory = temporaryPath()
        let (status, _, error) = try run(["serve", "--data-dir", directory, "--port", "0"])
        #expect(status == 1)
        #expect(error.contains("run keyward init --data-dir \(directory) first"))
    }

    @Test func serveRefusesAMasterKeyThatDoesNotOpenTheRootKey() throws {
        let directory = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try run(["init", "--data-dir", directory]).0 == 0)
        let other = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let (status, _, error) = try run(
            ["serve", "--data-dir", directory, "--port", "0"],
            environment: [MasterKey.environmentVariable: other]
        )
        #expect(status == 1)
        #expect(error.contains("does not open: wrong master key"))
    }
}
