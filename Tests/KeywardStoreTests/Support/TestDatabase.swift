import Foundation
import KeywardCore
import Testing

@testable import KeywardStore

/// A directory under the system temporary directory, removed with everything in it on deinit.
final class TemporaryDirectory {
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/keyward-store-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw POSIXError(.EIO) }
        path = String(cString: made)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }
}

/// A real SQLite file in a temporary directory, and what a test needs around it: the store,
/// raw SQL through a second connection, and the bytes of the file as they lie on disk.
struct TestDatabase {
    let directory: TemporaryDirectory
    let masterKey: MasterKey
    var path: String { directory.file("keyward.sqlite") }

    init() throws {
        directory = try TemporaryDirectory()
        masterKey = try MasterKey.random()
    }

    func open(masterKey: MasterKey? = nil, readers: Int = 2) throws -> SQLiteStore {
        try SQLiteStore(path: path, masterKey: masterKey ?? self.masterKey, readers: readers)
    }

    /// Opens the store, runs `body`, and closes every connection before returning.
    func withStore<T>(masterKey: MasterKey? = nil, _ body: (SQLiteStore) throws -> T) throws -> T {
        let store = try open(masterKey: masterKey)
        return try withExtendedLifetime(store) { try body(store) }
    }

    /// A second, independent connection for raw SQL, as an operator with `sqlite3` would have.
    func rawConnection() throws -> SQLiteConnection {
        let connection = try SQLiteConnection(path: path, create: false)
        try connection.pragma("busy_timeout", "5000")
        return connection
    }

    /// Runs raw SQL (no rows) through a second connection.
    func rawExecute(_ sql: String) throws {
        try rawConnection().execute(script: sql)
    }

    /// The bytes of the database file followed by those of its WAL, if one is left.
    func fileBytes() throws -> Data {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        if let wal = FileManager.default.contents(atPath: path + "-wal") { bytes.append(wal) }
        return bytes
    }
}

/// Fails the test when `needle` occurs in `haystack`, naming what was found.
func expectAbsent(
    _ needle: [UInt8],
    in haystack: Data,
    _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(haystack.range(of: Data(needle)) == nil, "\(what) is in the database file", sourceLocation: sourceLocation)
}

/// Fails the test when `needle` does not occur in `haystack`: the control that proves a search can succeed.
func expectPresent(
    _ needle: [UInt8],
    in haystack: Data,
    _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        haystack.range(of: Data(needle)) != nil,
        "\(what) is not in the database file",
        sourceLocation: sourceLocation
    )
}
