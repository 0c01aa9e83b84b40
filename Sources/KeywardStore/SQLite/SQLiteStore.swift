import KeywardCore
import Synchronization

/// The embedded store: one SQLite file in WAL mode with `synchronous=FULL`, so that a `write`
/// that returns is on disk.
///
/// One writer connection, behind a `Mutex`, runs every `write` as `BEGIN IMMEDIATE … COMMIT`;
/// a small pool of reader connections runs each `read` as one deferred transaction, a
/// consistent snapshot that never waits for the writer. Private keys are sealed by `KeySealer`
/// before they reach SQL. The writer runs with `secure_delete=ON`, so the pages of a deleted
/// row are zeroed in the file instead of left behind; the WAL may hold the older frames (sealed,
/// never plain) until a checkpoint overwrites or the last connection's close removes them.
///
/// `changeCount` counts the write transactions of this process, which must be the only one
/// writing the file while it serves (as `keyward serve` is).
///
/// A `write` body must not call `write` again: the writer's `Mutex` is not reentrant. It may
/// call `read`, which sees the last committed state, not the body's own changes. A `read` body
/// should not nest another `read`: with every reader busy it would wait for itself.
public final class SQLiteStore: Store {
    private let writer: Mutex<SQLiteConnection>
    private let readers: SQLiteReaderPool
    private let sealer: KeySealer
    /// Write transactions ended so far, audit-only ones aside (`changeCount`).
    private let changes = Atomic<UInt64>(0)

    /// Opens the database at `path`, creating the file when it does not exist, and migrates it
    /// to the newest schema. `readers` is the number of concurrent read transactions (at least 1).
    public convenience init(path: String, masterKey: MasterKey, readers: Int = 4) throws {
        try self.init(path: path, masterKey: masterKey, readers: readers, migrations: Migrations.all)
    }

    init(path: String, masterKey: MasterKey, readers: Int, migrations: [Migration]) throws {
        let writer = try SQLiteConnection(path: path, create: true)
        try Self.configure(writer, pragmas: [("secure_delete", "ON")])
        try SQLiteMigrator.migrate(writer, migrations: migrations)
        var pool: [SQLiteConnection] = []
        for _ in 0..<max(readers, 1) {
            let reader = try SQLiteConnection(path: path, create: false)
            try Self.configure(reader, pragmas: [("query_only", "ON")])
            pool.append(reader)
        }
        self.writer = Mutex(writer)
        self.readers = SQLiteReaderPool(pool)
        self.sealer = KeySealer(masterKey: masterKey)
    }

    public func read<T>(_ body: (any StoreReader) throws -> T) throws -> T {
        try readers.withConnection { connection in
            try connection.transaction(begin: "BEGIN DEFERRED") {
                let transaction = SQLiteTransaction(connection: connection, sealer: sealer, writable: false)
                defer { transaction.end() }
                return try body(transaction)
            }
        }
    }

    public func write<T>(_ body: (any StoreWriter) throws -> T) throws -> T {
        try write(durability: .full, body)
    }

    /// `.process` commits with `synchronous=NORMAL` (WAL frames written, not flushed), then
    /// restores `FULL`; a later full commit flushes the log, these frames included.
    public func write<T>(durability: WriteDurability, _ body: (any StoreWriter) throws -> T) throws -> T {
        try transact(durability: durability, auditOnly: false, body)
    }

    /// Counts every `write` once its transaction has ended (committed or not): counting before the
    /// commit would let a reader cache the old record under the new count.
    public var changeCount: UInt64? { changes.load(ordering: .acquiring) }

    /// As `write`, in a transaction that refuses every change but the insert of audit events
    /// (see `SQLiteTransaction.appending()`), so that it need not advance `changeCount`.
    public func writeAuditEvents<T>(durability: WriteDurability, _ body: (any StoreWriter) throws -> T) throws -> T {
        try transact(durability: durability, auditOnly: true, body)
    }

    private func transact<T>(
        durability: WriteDurability,
        auditOnly: Bool,
        _ body: (any StoreWriter) throws -> T
    ) throws -> T {
        var outcome: Result<T, any Error>?
        writer.withLock { connection in
            defer { if !auditOnly { changes.add(1, ordering: .releasing) } }
            outcome = Result {
                if durability == .process { try connection.run("PRAGMA synchronous = NORMAL", []) }
                defer { if durability == .process { _ = try? connection.run("PRAGMA synchronous = FULL", []) } }
                return try connection.transaction(begin: "BEGIN IMMEDIATE") {
                    let transaction = SQLiteTransaction(
                        connection: connection,
                        sealer: sealer,
                        writable: true,
                        auditOnly: auditOnly
                    )
                    defer { transaction.end() }
                    return try body(transaction)
                }
            }
        }
        guard let outcome else { throw StoreError.unavailable("the writer did not run the transaction") }
        return try outcome.get()
    }

    /// SQLite's `PRAGMA integrity_check` on the whole file: "ok" when the database is sound,
    /// otherwise the problems SQLite found, one per line. For operators and the durability test.
    public func integrityCheck() throws -> String {
        try readers.withConnection { connection in
            try connection.query("PRAGMA integrity_check", []) { row in row.optionalText() ?? "" }
                .joined(separator: "\n")
        }
    }

    /// Sets what every connection needs, then the connection's own `pragmas`.
    ///
    /// `busy_timeout` first, so that switching to WAL waits for another process's lock.
    private static func configure(_ connection: SQLiteConnection, pragmas: [(String, String)]) throws {
        try connection.pragma("busy_timeout", "5000")
        let mode = try connection.pragma("journal_mode", "WAL")
        guard mode?.lowercased() == "wal" else {
            throw StoreError.unavailable("the database cannot use WAL (journal_mode is \(mode ?? "unknown"))")
        }
        try connection.pragma("synchronous", "FULL")
        try connection.pragma("foreign_keys", "ON")
        for (name, value) in pragmas {
            try connection.pragma(name, value)
        }
    }
}
