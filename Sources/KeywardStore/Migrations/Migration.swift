/// One numbered schema change, with its SQL for both stores side by side, so that no change
/// lands for one store only.
///
/// A migration is never edited once merged: a fix is a new migration with the next number.
/// Each runs at start-up inside the transaction that records it in `schema_migrations`.
struct Migration: Sendable {
    /// The schema version this migration brings the database to: 1, 2, 3, … without gaps.
    var version: Int
    /// A short name for people and for the `schema_migrations` table.
    var name: String
    /// The statements for SQLite, run as one script.
    var sqlite: String
    /// The statements for PostgreSQL, run as one script.
    var postgres: String
}
