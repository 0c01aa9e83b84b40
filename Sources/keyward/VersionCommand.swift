import KeywardCore
import KeywardCrypto
import KeywardStore

/// `keyward version`: the Keyward version, and the C libraries loaded at run time.
enum VersionCommand {
    static func run() -> Int32 {
        StandardStreams.out(
            """
            Keyward \(KeywardVersion.current)
            \(OpenSSLLibrary.version)
            SQLite \(StoreLibraries.sqliteVersion)
            libpq \(StoreLibraries.postgresClientVersion)

            """
        )
        return 0
    }
}
