import CSQLite
import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The columns of the current row, read left to right in the order of the `SELECT` list.
///
/// Each read moves to the next column, so a decoder reads the columns in the same order as the
/// column list it selected, and a value that does not decode names its column in the error.
struct SQLiteRow {
    fileprivate let statement: OpaquePointer
    private var column: Int32 = 0

    init(statement: OpaquePointer) { self.statement = statement }

    private mutating func next() -> Int32 {
        defer { column += 1 }
        return column
    }

    private func corrupt(_ column: Int32, _ reason: String) -> StoreError {
        let name = sqlite3_column_name(statement, column).map { String(cString: $0) } ?? "column \(column)"
        return .corruptRecord("\(name) \(reason)")
    }

    mutating func optionalInteger() -> Int64? {
        let index = next()
        guard sqlite3_column_type(statement, index) != SQLITE_NULL else { return nil }
        return sqlite3_column_int64(statement, index)
    }

    mutating func integer() throws(StoreError) -> Int64 {
        let index = column
        guard let value = optionalInteger() else { throw corrupt(index, "is NULL") }
        return value
    }

    mutating func int() throws(StoreError) -> Int {
        Int(try integer())
    }

    mutating func bool() throws(StoreError) -> Bool {
        try integer() != 0
    }

    mutating func optionalText() -> String? {
        let index = next()
        guard sqlite3_column_type(statement, index) != SQLITE_NULL, let text = sqlite3_column_text(statement, index)
        else { return nil }
        let count = Int(sqlite3_column_bytes(statement, index))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    mutating func text() throws(StoreError) -> String {
        let index = column
        guard let value = optionalText() else { throw corrupt(index, "is NULL") }
        return value
    }

    mutating func blob() throws(StoreError) -> [UInt8] {
        let index = next()
        guard sqlite3_column_type(statement, index) != SQLITE_NULL else { throw corrupt(index, "is NULL") }
        // column_blob first, then column_bytes, as SQLite documents; a zero-length blob has no pointer.
        guard let bytes = sqlite3_column_blob(statement, index) else { return [] }
        let count = Int(sqlite3_column_bytes(statement, index))
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    mutating func optionalUUID() throws(StoreError) -> UUID? {
        let index = column
        guard let text = optionalText() else { return nil }
        guard let value = UUID(text: text) else { throw corrupt(index, "is not a UUID") }
        return value
    }

    mutating func uuid() throws(StoreError) -> UUID {
        let index = column
        guard let value = try optionalUUID() else { throw corrupt(index, "is NULL") }
        return value
    }

    mutating func optionalDate() -> Date? {
        optionalInteger().map { SQLiteValue.date(milliseconds: $0) }
    }

    mutating func date() throws(StoreError) -> Date {
        SQLiteValue.date(milliseconds: try integer())
    }

    /// A string-backed enum (`UsageType`, `KeyAlgorithm`, …); an unknown value is a corrupt record.
    mutating func value<Value: RawRepresentable>(_ type: Value.Type) throws(StoreError) -> Value
    where Value.RawValue == String {
        let index = column
        let text = try text()
        guard let value = Value(rawValue: text) else { throw corrupt(index, "holds an unknown \(type)") }
        return value
    }
}
