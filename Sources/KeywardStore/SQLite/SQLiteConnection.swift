import CSQLite
import KeywardCore

/// One SQLite connection: the `sqlite3` handle, closed exactly once in `deinit`, and its cache of
/// prepared statements, keyed by SQL text.
///
/// `@unchecked Sendable` because a connection moves between threads but is never used by two at
/// once: `SQLiteStore` lends the writer only under its `Mutex` and each reader only under its
/// own. The handle is opened with `SQLITE_OPEN_NOMUTEX` for the same reason.
final class SQLiteConnection: @unchecked Sendable {
    private let handle: OpaquePointer
    private var statements: [String: SQLiteStatement] = [:]

    /// Opens (and creates, when `create` is true) the database file at `path`.
    init(path: String, create: Bool) throws(StoreError) {
        var opened: OpaquePointer?
        let flags =
            SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE | (create ? SQLITE_OPEN_CREATE : 0)
        let code = sqlite3_open_v2(path, &opened, flags, nil)
        guard code == SQLITE_OK, let opened else {
            let error = SQLiteFailure.error(code, connection: opened, call: "sqlite3_open_v2")
            sqlite3_close_v2(opened)
            throw error
        }
        handle = opened
    }

    deinit {
        // Finalize the cached statements first, so that the close below frees the connection now.
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that bind nothing and return no rows (DDL, `BEGIN`, `COMMIT`).
    func execute(script sql: String) throws(StoreError) {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        sqlite3_free(message)
        guard code == SQLITE_OK else { throw SQLiteFailure.error(code, connection: handle, call: "sqlite3_exec") }
    }

    /// Sets a pragma and returns what SQLite answers, e.g. `wal` for `journal_mode`.
    @discardableResult
    func pragma(_ name: String, _ value: String) throws(StoreError) -> String? {
        try query("PRAGMA \(name) = \(value)", []) { row in row.optionalText() }.first ?? nil
    }

    /// Runs a statement that returns no rows; answers how many rows it changed.
    @discardableResult
    func run(_ sql: String, _ values: [SQLiteValue]) throws(StoreError) -> Int {
        try withStatement(sql, values) { statement throws(StoreError) in
            while try statement.step() {}
            return Int(sqlite3_changes64(handle))
        }
    }

    /// Runs a query and decodes every row with `decode`.
    func query<Row>(
        _ sql: String,
        _ values: [SQLiteValue],
        _ decode: (inout SQLiteRow) throws(StoreError) -> Row
    ) throws(StoreError) -> [Row] {
        try withStatement(sql, values) { statement throws(StoreError) in
            var rows: [Row] = []
            while try statement.step() {
                var row = statement.row
                rows.append(try decode(&row))
            }
            return rows
        }
    }

    /// The first row of a query, or `nil` when there is none.
    func queryFirst<Row>(
        _ sql: String,
        _ values: [SQLiteValue],
        _ decode: (inout SQLiteRow) throws(StoreError) -> Row
    ) throws(StoreError) -> Row? {
        try withStatement(sql, values) { statement throws(StoreError) in
            guard try statement.step() else { return nil }
            var row = statement.row
            return try decode(&row)
        }
    }

    /// Runs `body` between `begin` (`BEGIN IMMEDIATE` or `BEGIN`) and `COMMIT`; rolls back and
    /// rethrows when `body` or the commit throws. `BEGIN` and `COMMIT` are prepared once per
    /// connection, like every other statement: parsing them on each read cost 5 % of a key read.
    func transaction<T>(begin: String, _ body: () throws -> T) throws -> T {
        try run(begin, [])
        do {
            let result = try body()
            try run("COMMIT", [])
            return result
        } catch {
            // A failed COMMIT may already have ended the transaction; roll back only if it is open.
            if sqlite3_get_autocommit(handle) == 0 {
                try? execute(script: "ROLLBACK")
            }
            throw error
        }
    }

    private func withStatement<T>(
        _ sql: String,
        _ values: [SQLiteValue],
        _ body: (SQLiteStatement) throws(StoreError) -> T
    ) throws(StoreError) -> T {
        let statement = try cachedStatement(sql)
        defer { statement.reset() }
        try statement.bind(values)
        return try body(statement)
    }

    private func cachedStatement(_ sql: String) throws(StoreError) -> SQLiteStatement {
        if let statement = statements[sql] { return statement }
        let statement = try SQLiteStatement(sql: sql, connection: handle)
        statements[sql] = statement
        return statement
    }
}
