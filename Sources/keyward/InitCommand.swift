import KeywardCore
import KeywardCrypto
import KeywardStore

#if canImport(Glibc)
    import Glibc
#endif

/// `keyward init`: creates the data directory, the master key and the database, and the
/// installation root CA. Refuses to run twice on the same data directory.
enum InitCommand {
    static func run(_ arguments: [String]) -> Int32 {
        let options: InitOptions
        do {
            options = try InitOptions(arguments: arguments)
        } catch {
            StandardStreams.error("keyward init: \(error.message)\n\n\(Usage.text)")
            return Usage.exitStatus
        }
        if options.wantsHelp {
            StandardStreams.out(Usage.text)
            return 0
        }
        do {
            let result = try initialise(options)
            if options.json {
                StandardStreams.out(JSONLine.object(["dataDirectory": options.dataDirectory, "rootSubject": result]))
            } else {
                StandardStreams.out(
                    """
                    Keyward initialised in \(options.dataDirectory)
                      root CA:    \(result)
                      master key: \(masterKeySource(options.dataDirectory))
                    Keep the master key safe and backed up apart from the database: without it no private key opens.

                    """
                )
            }
            return 0
        } catch {
            let message = (error as? CoreError)?.description ?? "\(error)"
            StandardStreams.error("keyward init: \(message)\n")
            return 1
        }
    }

    private static var masterKeyIsInEnvironment: Bool { getenv("KEYWARD_MASTER_KEY") != nil }

    private static func masterKeySource(_ dataDirectory: String) -> String {
        masterKeyIsInEnvironment
            ? "from KEYWARD_MASTER_KEY (no file written)" : "\(dataDirectory)/master.key (mode 0600)"
    }

    /// Makes the directory (0700), the master key (unless KEYWARD_MASTER_KEY is set), the
    /// database, and the root CA; returns the root's subject.
    private static func initialise(_ options: InitOptions) throws -> String {
        try InstallationService.checkRootSubject(options.rootSubject)
        if mkdir(options.dataDirectory, 0o700) != 0 && errno != EEXIST {
            throw InitError.cannotCreateDirectory(options.dataDirectory)
        }
        let masterKey =
            masterKeyIsInEnvironment
            ? try MasterKey.load(dataDirectory: options.dataDirectory)
            : try MasterKey.create(in: options.dataDirectory)
        let store = try SQLiteStore(path: "\(options.dataDirectory)/keyward.db", masterKey: masterKey)
        let root = try InstallationService(store: store).initialise(rootSubject: options.rootSubject)
        return try Certificate(parsing: root.certificateDER).subject.description
    }
}

/// Why `keyward init` could not prepare the data directory.
enum InitError: Error, CustomStringConvertible {
    case cannotCreateDirectory(String)

    var description: String {
        switch self {
        case .cannotCreateDirectory(let path): "cannot create the data directory \(path)"
        }
    }
}
