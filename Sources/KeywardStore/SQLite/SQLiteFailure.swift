import CSQLite
import KeywardCore

/// Turns a failed SQLite result code into the store's error.
///
/// A constraint failure is the caller's (a duplicate name, a second default key); anything else
/// is an outage. The message is `sqlite3_errmsg`, which names tables, columns and constraints
/// but never the values that were bound, so no key material or tenant data reaches a log.
enum SQLiteFailure {
    static func error(_ code: Int32, connection: OpaquePointer?, call: String) -> StoreError {
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? describe(code)
        if code & 0xFF == SQLITE_CONSTRAINT {
            return .constraintViolation(message)
        }
        return .unavailable("\(call): \(message) (SQLite code \(code))")
    }

    /// The generic English text of a result code, for when there is no connection to ask.
    static func describe(_ code: Int32) -> String {
        sqlite3_errstr(code).map { String(cString: $0) } ?? "SQLite error"
    }
}
