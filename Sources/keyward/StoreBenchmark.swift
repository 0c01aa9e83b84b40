import Dispatch
import KeywardCore
import KeywardCrypto
import KeywardStore
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The `store` group of `keyward bench`: what creating and listing keys cost through KeywardCore's
/// services on a fresh SQLite installation, and how much memory a process holding 100,000 keys
/// uses. See `bench/README.md` ("Store").
///
/// Everything runs in a temporary directory (`$TMPDIR` or `/tmp`), removed at the end: a master
/// key file, a database, the installation root, one organization and three environments (one
/// for creating keys, one holding 1,000 keys and one holding 100,000 for listing). Latencies are
/// single calls timed with `ContinuousClock` and reported as nearest-rank percentiles. Targets
/// are printed beside the figures; nothing fails on one.
struct StoreBenchmark {
    static let usage = """
        usage: keyward bench store [--keys N] [--nopool-keys N] [--rsa7680-keys N] [--rsa7680-nopool-keys N]
                                   [--small N] [--large N] [--list-calls N] [--rows ca-signed|self-signed]
                                   [--audit-keys N] [--audit-events N] [create] [list] [audit] [scheduler]
               keyward bench store --rss-only DIR
          --keys N                RSA-2048 creates timed with a warm key pool, per variant (default 200)
          --nopool-keys N         RSA-2048 creates timed with the pool off (default 30)
          --rsa7680-keys N        RSA-7680 creates timed with a warm pool (default 3; 0 skips)
          --rsa7680-nopool-keys N RSA-7680 creates timed with the pool off (default 2, 8-25 s each; 0 skips)
          --small N, --large N    keys in the two listed environments (default 1000 and 100000)
          --list-calls N          timed list calls per environment (default 1000)
          --rows KIND             listed rows copy a P-256 key signed by the organization CA, with its
                                  trust chain (ca-signed, the default) or a self-signed one (no chain)
          --audit-keys N          P-256 creates per round with and without their audit event (default 300)
          --audit-events N        events in the environment the activities queries read (default 100000)
          create, list, audit, scheduler
                                  only these parts (default all; list includes the memory figures; audit
                                  times its queries --list-calls times each; scheduler times --list-calls
                                  idle expiry passes over --large keys, a catch-up pass and 100 rotations)
          --rss-only DIR          open DIR/keyward.db (master key DIR/master.key), print this process's
                                  resident memory, page through every environment once, print it again
        bench/run runs this after the crypto group (see bench/README.md).

        """

    /// Runs `keyward bench store …` (the words after `store`); returns the exit status.
    static func run(_ arguments: [String]) -> Int32 {
        if arguments.contains(where: { ["--help", "-h", "help"].contains($0) }) {
            StandardStreams.out(usage)
            return 0
        }
        guard let options = Options(arguments) else {
            StandardStreams.error(usage)
            return Usage.exitStatus
        }
        do {
            if let directory = options.rssOnlyDirectory {
                try Self.openOnly(directory)
            } else {
                try StoreBenchmark(options: options).run()
            }
            return 0
        } catch {
            let message = (error as? CoreError)?.description ?? "\(error)"
            StandardStreams.error("keyward bench store: \(message)\n")
            return 1
        }
    }

    /// `--keys N …`, the parts to run, or `--rss-only DIR`.
    struct Options {
        var poolKeys = 200
        var noPoolKeys = 30
        var rsa7680PoolKeys = 3
        var rsa7680NoPoolKeys = 2
        var smallEnvironmentKeys = 1000
        var largeEnvironmentKeys = 100_000
        var listCalls = 1000
        /// Whether the listed rows are copies of a key the organization CA signed (with a trust
        /// chain of two PEM certificates) or of a self-signed one (empty trust chain).
        var caSignedRows = true
        var auditKeys = 300
        var auditEvents = 100_000
        var parts: Set<String> = ["create", "list", "audit", "scheduler"]
        var rssOnlyDirectory: String?

        init?(_ arguments: [String]) {
            var remaining = arguments[...]
            var parts: Set<String> = []
            while let word = remaining.popFirst() {
                guard word.hasPrefix("--") else {
                    guard ["create", "list", "audit", "scheduler"].contains(word) else { return nil }
                    parts.insert(word)
                    continue
                }
                guard let value = remaining.popFirst() else { return nil }
                if word == "--rss-only" {
                    rssOnlyDirectory = value
                    continue
                }
                if word == "--rows" {
                    guard ["ca-signed", "self-signed"].contains(value) else { return nil }
                    caSignedRows = value == "ca-signed"
                    continue
                }
                guard let number = Int(value), number >= 0, number <= 10_000_000 else { return nil }
                switch word {
                case "--keys": poolKeys = number
                case "--nopool-keys": noPoolKeys = number
                case "--rsa7680-keys": rsa7680PoolKeys = number
                case "--rsa7680-nopool-keys": rsa7680NoPoolKeys = number
                case "--small": smallEnvironmentKeys = number
                case "--large": largeEnvironmentKeys = number
                case "--list-calls": listCalls = number
                case "--audit-keys": auditKeys = number
                case "--audit-events": auditEvents = number
                default: return nil
                }
            }
            // A page is 100 keys after a cursor: an environment needs more than 100 to list.
            guard poolKeys >= 1, noPoolKeys >= 1, smallEnvironmentKeys > 100, largeEnvironmentKeys > 100,
                listCalls >= 1, auditKeys >= 1, auditEvents > 1000
            else { return nil }
            if !parts.isEmpty { self.parts = parts }
        }
    }

    let options: Options
    let clock = ContinuousClock()

    /// Calls made before anything is timed, as in the crypto group.
    static let warmUpCalls = 10
    /// The page size timed here: `KeyService.list`'s default `limit`.
    static let pageSize = 100
    /// Rows per write transaction when filling the listed environments.
    static let insertBatch = 1000
    static let subject = "CN=bench, OU=Bench, O=Keyward, L=, ST=, C=US"
    static let createP50Target = 5.0
    static let ratioTarget = 10.0
    static let rsa7680Target = 20.0
    static let listP99Target = 10.0
    static let residentTargetMiB = 100.0

    /// The create-key body a client would send, as strings (PingOne's JSON fields).
    static func request(_ algorithm: String, _ keyLength: Int, _ signature: String, issuerDN: String? = nil)
        -> KeyCreationRequest
    {
        KeyCreationRequest(
            algorithm: algorithm,
            keyLength: keyLength,
            signatureAlgorithm: signature,
            subjectDN: subject,
            issuerDN: issuerDN,
            validityPeriod: 365,
            usageType: "SIGNING"
        )
    }

    /// The installation every measure works on.
    struct World {
        let directory: String
        let store: SQLiteStore
        let organization: Organization
        let createEnvironment: UUID
        let smallEnvironment: UUID
        let largeEnvironment: UUID
        var databasePath: String { directory + "/keyward.db" }
    }

    func run() throws {
        let directory = try Self.makeTemporaryDirectory()
        defer { Self.remove(directory) }
        emit("# keyward bench store: SQLite \(StoreLibraries.sqliteVersion), \(OpenSSLLibrary.version)")
        emit("# data: \(directory) (removed at the end); WAL, synchronous=FULL, as SQLiteStore opens every database")
        // Inside its own scope, so that the store (and every pool holding it) is closed before the
        // directory is removed.
        try runMeasures(in: directory)
    }

    func runMeasures(in directory: String) throws {
        let world = try makeWorld(in: directory)
        var pendingRefill: Int?
        if options.parts.contains("create") {
            pendingRefill = try measureCreates(world)
        }
        if options.parts.contains("list") {
            try measureListsAndMemory(world, pendingRefill: pendingRefill)
        }
        if options.parts.contains("audit") {
            try measureAudit(world)
        }
        if options.parts.contains("scheduler") {
            try measureScheduler(world)
        }
    }

    func makeWorld(in directory: String) throws -> World {
        progress("setting up an installation in \(directory)")
        let masterKey = try MasterKey.create(in: directory)
        let store = try SQLiteStore(path: directory + "/keyward.db", masterKey: masterKey)
        try InstallationService(store: store).initialise()
        let organization = try OrganizationService(store: store).create(name: "Bench")
        let environments = EnvironmentService(store: store)
        let create = try environments.create(EnvironmentRequest(name: "create"), in: organization.id)
        let small = try environments.create(EnvironmentRequest(name: "list-small"), in: organization.id)
        let large = try environments.create(EnvironmentRequest(name: "list-large"), in: organization.id)
        return World(
            directory: directory,
            store: store,
            organization: organization,
            createEnvironment: create.id,
            smallEnvironment: small.id,
            largeEnvironment: large.id
        )
    }
}
