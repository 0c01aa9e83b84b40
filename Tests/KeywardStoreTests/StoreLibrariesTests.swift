import Foundation
import KeywardStore
import Testing

@Suite struct StoreLibrariesTests {
    private func pkgConfigVersion(_ package: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pkg-config", "--modversion", package]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        return String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func sqliteVersionIsTheOneTheBuildLinked() throws {
        #expect(StoreLibraries.sqliteVersion == (try pkgConfigVersion("sqlite3")))
    }

    @Test func libpqVersionIsTheOneTheBuildLinked() throws {
        #expect(StoreLibraries.postgresClientVersion == (try pkgConfigVersion("libpq")))
    }
}
