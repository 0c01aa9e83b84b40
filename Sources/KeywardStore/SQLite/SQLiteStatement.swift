import CSQLite
import KeywardCore

/// One prepared statement, owned here and finalized exactly once, in `deinit`.
///
/// Statements are cached by their connection and reused: after every use the connection calls
/// `reset()`, which also clears the bindings so that no bound value (a sealed key) outlives
/// its call in the statement.
final class SQLiteStatement {
    private let handle: OpaquePointer
    private let connection: OpaquePointer

    /// Prepares `sql` on `connection` as a long-lived statement (`SQLITE_PREPARE_PERSISTENT`).
    init(sql: String, connection: OpaquePointer) throws(StoreError) {
        var prepared: OpaquePointer?
        let code = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
        guard code == SQLITE_OK, let prepared else {
            sqlite3_finalize(prepared)
            throw SQLiteFailure.error(code, connection: connection, call: "sqlite3_prepare_v3")
        }
        self.handle = prepared
        self.connection = connection
    }

    deinit { sqlite3_finalize(handle) }

    /// Binds `values` to the parameters `?1`, `?2`, … in order.
    func bind(_ values: [SQLiteValue]) throws(StoreError) {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null:
                code = sqlite3_bind_null(handle, index)
            case .integer(let number):
                code = sqlite3_bind_int64(handle, index, number)
            case .text(let text):
                code = text.withCString {
                    keyward_sqlite3_bind_text_transient(handle, index, $0, Int32(text.utf8.count))
                }
            case .blob(let bytes):
                code = bytes.withUnsafeBytes { buffer in
                    // An empty buffer has no base address, which SQLite would read as NULL.
                    guard let base = buffer.baseAddress else { return sqlite3_bind_zeroblob(handle, index, 0) }
                    return keyward_sqlite3_bind_blob_transient(handle, index, base, Int32(buffer.count))
                }
            }
            guard code == SQLITE_OK else {
                throw SQLiteFailure.error(code, connection: connection, call: "sqlite3_bind")
            }
        }
    }

    /// Advances to the next row: `true` when a row is ready, `false` when the statement is done.
    func step() throws(StoreError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw SQLiteFailure.error(code, connection: connection, call: "sqlite3_step")
        }
    }

    /// The current row; valid until the next `step()` or `reset()`.
    var row: SQLiteRow { SQLiteRow(statement: handle) }

    /// Makes the statement ready for its next use and forgets its bindings.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }
}
