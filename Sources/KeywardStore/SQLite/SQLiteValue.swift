import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A value bound to a statement parameter, in SQLite's storage classes.
///
/// The helpers fix how Keyward's types are stored, the same way for every table: ids as
/// lower-case UUID text, times as integer milliseconds since 1970 UTC, booleans as 0 or 1.
enum SQLiteValue {
    case null
    case integer(Int64)
    case text(String)
    case blob([UInt8])

    static func uuid(_ value: UUID) -> SQLiteValue { .text(value.lowercaseString) }
    static func uuid(_ value: UUID?) -> SQLiteValue { value.map(uuid) ?? .null }
    static func date(_ value: Date) -> SQLiteValue { .integer(milliseconds(value)) }
    static func date(_ value: Date?) -> SQLiteValue { value.map(date) ?? .null }
    static func bool(_ value: Bool) -> SQLiteValue { .integer(value ? 1 : 0) }
    static func int(_ value: Int) -> SQLiteValue { .integer(Int64(value)) }
    static func text(_ value: String?) -> SQLiteValue { value.map { .text($0) } ?? .null }

    /// Milliseconds since 1970 UTC, rounded to the nearest, so that a time with millisecond
    /// precision (as the API writes them) reads back as exactly the same `Date`.
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// The `Date` of a stored millisecond count.
    static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}

extension SQLiteValue {
    /// A list of strings as a JSON array (how `keys.trust_chain` keeps its PEM certificates).
    /// PEM blocks stored one after another, as a PEM bundle file holds them (see `PEMBundle`).
    static func pemBundle(_ blocks: [String]) -> SQLiteValue {
        .text(PEMBundle.join(blocks))
    }
}
