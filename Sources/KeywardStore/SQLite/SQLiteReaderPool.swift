import KeywardCore
import Synchronization

/// A fixed set of read-only connections, each lent to one thread at a time.
///
/// A reader takes the first idle connection, starting at a rotating position; when all are
/// busy it waits for one (on its `Mutex`, not by spinning). WAL lets these readers run while
/// the writer commits, each in its own snapshot.
final class SQLiteReaderPool: Sendable {
    private final class Reader: Sendable {
        let connection: Mutex<SQLiteConnection>
        init(_ connection: SQLiteConnection) { self.connection = Mutex(connection) }
    }

    private let readers: [Reader]
    private let nextReader = Atomic<Int>(0)

    init(_ connections: [SQLiteConnection]) {
        readers = connections.map(Reader.init)
    }

    /// Runs `body` with a connection no other thread is using.
    func withConnection<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        let start = nextReader.wrappingAdd(1, ordering: .relaxed).oldValue
        var outcome: Result<T, any Error>?
        for offset in 0..<readers.count {
            let reader = readers[Self.index(start &+ offset, readers.count)]
            _ = reader.connection.withLockIfAvailable { connection in
                outcome = Result { try body(connection) }
            }
            if let outcome { return try outcome.get() }
        }
        readers[Self.index(start, readers.count)].connection.withLock { connection in
            outcome = Result { try body(connection) }
        }
        guard let outcome else { throw StoreError.unavailable("no reader connection ran the transaction") }
        return try outcome.get()
    }

    private static func index(_ value: Int, _ count: Int) -> Int {
        ((value % count) + count) % count
    }
}
