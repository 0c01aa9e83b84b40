import KeywardCore
import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The `StoreReader`/`StoreWriter` handed to one `read` or `write` body.
///
/// It is valid only while its body runs: afterwards the connection may serve another thread,
/// so every method of an ended transaction throws. A read transaction refuses writes here,
/// and its connection is `query_only` as well. The records of each table live in extensions,
/// one file per table.
final class SQLiteTransaction {
    private var connection: SQLiteConnection?
    private let writable: Bool
    /// Only audit events may be inserted (`SQLiteStore.writeAuditEvents`).
    private let auditOnly: Bool
    let sealer: KeySealer

    init(connection: SQLiteConnection, sealer: KeySealer, writable: Bool, auditOnly: Bool = false) {
        self.connection = connection
        self.sealer = sealer
        self.writable = writable
        self.auditOnly = auditOnly
    }

    /// Ends the transaction's use of its connection.
    func end() { connection = nil }

    /// The connection, for reading.
    func reading() throws(StoreError) -> SQLiteConnection {
        guard let connection else { throw .unavailable("a store transaction was used after it ended") }
        return connection
    }

    /// The connection, for writing; refused in a read transaction and in an audit-only one.
    func writing() throws(StoreError) -> SQLiteConnection {
        guard !auditOnly else { throw .unavailable("a change was attempted in an audit-only transaction") }
        return try appending()
    }

    /// The connection, for inserting an audit event: the one write an audit-only transaction
    /// allows. Nothing else may call it.
    func appending() throws(StoreError) -> SQLiteConnection {
        guard writable else { throw .unavailable("a write was attempted in a read transaction") }
        return try reading()
    }

    /// Runs an `UPDATE` or `DELETE` that must match exactly one row.
    func changeOne(_ sql: String, _ values: [SQLiteValue], missing: String) throws {
        guard try writing().run(sql, values) == 1 else { throw StoreError.constraintViolation(missing) }
    }
}

extension SQLiteTransaction: StoreWriter {}
