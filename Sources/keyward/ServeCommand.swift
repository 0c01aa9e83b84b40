import KeywardCore
import KeywardCrypto
import KeywardHTTP
import KeywardStore

#if canImport(Glibc)
    import Glibc
#endif

/// `keyward serve`: runs the HTTP API until SIGINT or SIGTERM, then stops cleanly.
enum ServeCommand {
    static func run(_ arguments: [String]) -> Int32 {
        let options: ServeOptions
        do {
            options = try ServeOptions(arguments: arguments)
        } catch {
            StandardStreams.error("keyward: \(error.message)\n\n\(Usage.text)")
            return Usage.exitStatus
        }
        if options.wantsHelp {
            StandardStreams.out(Usage.text)
            return 0
        }

        // Open the store first: a missing installation or a master key that does not open the
        // root's private key stops the server before it listens.
        let rootSubject: String
        let store: SQLiteStore
        do {
            (store, rootSubject) = try openInstallation(options.dataDirectory)
        } catch {
            let message = (error as? CoreError)?.description ?? "\(error)"
            StandardStreams.error("keyward: \(message)\n")
            return 1
        }

        let signals = ShutdownSignals.block()  // before the server starts its threads
        let pool = KeyPool(store: store)
        pool.start()
        defer { pool.stop() }
        let services = APIServices(store: store, keys: pool, baseURL: "http://\(options.host):\(options.port)")
        let server: HTTPServer
        do {
            let configuration = HTTPServerConfiguration(host: options.host, port: options.port)
            server = try HTTPServer(configuration: configuration, router: Routes.makeRouter(services))
        } catch {
            StandardStreams.error("keyward: \(error)\n")
            return 1
        }
        StandardStreams.out(
            "Keyward \(KeywardVersion.current) listening on http://\(server.host):\(server.port)"
                + "; installation root \(rootSubject)\n"
        )
        let signal = signals.waitForSignal()
        server.stop()
        StandardStreams.error("keyward: stopped on signal \(signal)\n")
        return 0
    }

    /// Opens the installation in `dataDirectory` and checks that the master key opens the root
    /// CA's private key; returns the store and the root's subject.
    private static func openInstallation(_ dataDirectory: String) throws -> (SQLiteStore, String) {
        let database = "\(dataDirectory)/keyward.db"
        guard access(database, F_OK) == 0 else {
            throw CoreError.invalidValue(
                field: "--data-dir",
                reason: "\(dataDirectory) holds no installation; run keyward init --data-dir \(dataDirectory) first"
            )
        }
        let store = try SQLiteStore(path: database, masterKey: try MasterKey.load(dataDirectory: dataDirectory))
        let subject = try store.read { reader in
            guard let root = try reader.installationRoot() else { throw CoreError.notInitialised }
            guard let key = try reader.privateKey(recordID: InstallationRoot.recordID),
                key.matches(try Certificate(parsing: root.certificateDER))
            else { throw CoreError.storeFailure("the root CA's private key does not match its certificate") }
            return try Certificate(parsing: root.certificateDER).subject.description
        }
        return (store, subject)
    }
}
