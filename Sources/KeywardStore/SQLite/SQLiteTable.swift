/// The SQL of one table, derived from its column list, so that `SELECT`, `INSERT` and `UPDATE`
/// use the columns in one order: the order in which a row's values are built and decoded.
struct SQLiteTable: Sendable {
    /// The columns every statement reads or writes, in order; sealed-key columns are not among them.
    let columns: [String]
    /// `SELECT <columns> FROM <table>`, to which callers add their `WHERE`.
    let select: String
    /// `INSERT` of every column, followed by `wrapped_data_key, sealed_private_key` when the
    /// table holds a sealed private key.
    let insert: String
    /// `UPDATE … SET` of every column but the fixed ones, then `WHERE <key columns> = ?`.
    let update: String
    private let fixed: Set<String>
    private let keyColumns: [String]

    /// - Parameters:
    ///   - fixed: columns an update leaves alone (identity, owner, creation time).
    ///   - keyColumns: the columns an update's `WHERE` matches, bound after the changed values.
    init(name: String, columns: [String], fixed: Set<String>, keyColumns: [String], sealed: Bool) {
        let fixed = fixed.union(keyColumns)
        self.columns = columns
        self.fixed = fixed
        self.keyColumns = keyColumns
        let list = columns.joined(separator: ", ")
        select = "SELECT \(list) FROM \(name)"
        let inserted = sealed ? columns + ["wrapped_data_key", "sealed_private_key"] : columns
        let placeholders = Array(repeating: "?", count: inserted.count).joined(separator: ", ")
        insert = "INSERT INTO \(name) (\(inserted.joined(separator: ", "))) VALUES (\(placeholders))"
        let changed = columns.filter { !fixed.contains($0) }.map { "\($0) = ?" }.joined(separator: ", ")
        let match = keyColumns.map { "\($0) = ?" }.joined(separator: " AND ")
        update = "UPDATE \(name) SET \(changed) WHERE \(match)"
    }

    /// The bindings of `update` from a full row of `values` (in `columns` order).
    func updateBindings(_ values: [SQLiteValue]) -> [SQLiteValue] {
        let byColumn = Dictionary(uniqueKeysWithValues: zip(columns, values.indices))
        let changed = zip(columns, values).filter { !fixed.contains($0.0) }.map(\.1)
        return changed + keyColumns.compactMap { byColumn[$0].map { values[$0] } }
    }
}
