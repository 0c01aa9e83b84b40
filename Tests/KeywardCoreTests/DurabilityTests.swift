import Foundation
import KeywardCore
import KeywardStore
import Testing

/// Kills a process that is creating keys, at random moments, and checks that nothing it was
/// told had been stored is missing and that the database stays sound.
@Suite struct DurabilityTests {
    static let child = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug/keyward-durability-child").path

    /// `make test` builds the child with `swift build --build-tests`; a missing binary fails the test.
    @Test
    func everyKeyWhoseCreationReturnedSurvivesSIGKILL() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.child), "build keyward-durability-child first")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "keyward-crash-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var generator = SystemRandomNumberGenerator()
        var confirmed = Set<String>()
        for round in 0..<22 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.child)
            process.arguments = [directory.path]
            try process.run()
            // The first round also initialises the installation (an RSA-3072 root and two RSA-2048
            // keys), which takes seconds on a busy machine: wait for it, then kill at random.
            if round == 0 {
                let initialised = directory.appendingPathComponent("environment-id").path
                for _ in 0..<600 where !FileManager.default.fileExists(atPath: initialised) {
                    usleep(100_000)
                }
            }
            usleep(useconds_t(Int.random(in: 150...900, using: &generator) * 1000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal, "round \(round): the child ended on its own")

            let log = (try? String(contentsOf: directory.appendingPathComponent("created.log"), encoding: .utf8)) ?? ""
            let lines = log.split(separator: "\n").map(String.init)
            // A line cut by the kill has no newline yet only if write(2) was interrupted; ignore a partial last one.
            confirmed.formUnion(lines.filter { $0.count == 36 })

            let masterKey = try MasterKey.load(dataDirectory: directory.path)
            let store = try SQLiteStore(path: directory.appendingPathComponent("keyward.db").path, masterKey: masterKey)
            #expect(try store.integrityCheck() == "ok", "round \(round)")
            let environmentText = try String(
                contentsOf: directory.appendingPathComponent("environment-id"),
                encoding: .utf8
            )
            let environmentID = try #require(UUID(uuidString: environmentText))
            let missing = try store.read { reader in
                try confirmed.filter { text in
                    guard let id = UUID(uuidString: text), try reader.key(id: id, environmentID: environmentID) != nil
                    else {
                        return true
                    }
                    return try reader.privateKey(recordID: id) == nil
                }
            }
            #expect(missing.isEmpty, "round \(round): \(missing.count) confirmed keys lost")
        }
        #expect(confirmed.count > 50, "too few keys were created to mean anything: \(confirmed.count)")
    }
}
