import CPostgres
import CSQLite

/// The database client libraries Keyward runs against, as loaded at run time.
///
/// `keyward version` prints them, and `make test` records them, because Debian point
/// releases move these libraries under a running installation.
public enum StoreLibraries {
    /// The SQLite library version, e.g. "3.40.1".
    public static var sqliteVersion: String {
        guard let text = sqlite3_libversion() else { return "unknown" }
        return String(cString: text)
    }

    /// The libpq version, e.g. "15.18" (major.minor from `PQlibVersion`).
    public static var postgresClientVersion: String {
        let number = PQlibVersion()
        return "\(number / 10000).\(number % 10000)"
    }
}
