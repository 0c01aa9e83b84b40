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
                                   [create] [list]
               keyward bench store --rss-only DIR
          --keys N                RSA-2048 creates timed with a warm key pool, per variant (default 200)
          --nopool-keys N         RSA-2048 creates timed with the pool off (default 30)
          --rsa7680-keys N        RSA-7680 creates timed with a warm pool (default 3; 0 skips)
          --rsa7680-nopool-keys N RSA-7680 creates timed with the pool off (default 2, 8-25 s each; 0 skips)
          --small N, --large N    keys in the two listed environments (default 1000 and 100000)
          --list-calls N          timed list calls per environment (default 1000)
          --rows KIND             listed rows copy a P-256 key signed by the organization CA, with its
                                  trust chain (ca-signed, the default) or a self-signed one (no chain)
          create, list            only these parts (default both; list includes the memory figures)
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
        var parts: Set<String> = ["create", "list"]
        var rssOnlyDirectory: String?

        init?(_ arguments: [String]) {
            var remaining = arguments[...]
            var parts: Set<String> = []
            while let word = remaining.popFirst() {
                guard word.hasPrefix("--") else {
                    guard ["create", "list"].contains(word) else { return nil }
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
                default: return nil
                }
            }
            // A page is 100 keys after a cursor: an environment needs more than 100 to list.
            guard poolKeys >= 1, noPoolKeys >= 1, smallEnvironmentKeys > 100, largeEnvironmentKeys > 100,
                listCalls >= 1
            else { return nil }
            if !parts.isEmpty { self.parts = parts }
        }
    }

    let options: Options
    private let clock = ContinuousClock()

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
    private struct World {
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

    private func runMeasures(in directory: String) throws {
        let world = try makeWorld(in: directory)
        var pendingRefill: Int?
        if options.parts.contains("create") {
            pendingRefill = try measureCreates(world)
        }
        if options.parts.contains("list") {
            try measureListsAndMemory(world, pendingRefill: pendingRefill)
        }
    }

    private func makeWorld(in directory: String) throws -> World {
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

    // MARK: - Create

    /// Times the creates; returns the RSA-7680 pool's size when its refill was stopped, if it
    /// was running (the worker finishes the key it is generating).
    private func measureCreates(_ world: World) throws -> Int? {
        let store = world.store
        let environment = world.createEnvironment
        let rsa2048 = Self.request("RSA", 2048, "SHA256withRSA")
        let generating = KeyService(store: store, keys: GeneratingKeySource())
        // Warm-up of the whole create path (reads, DN parsing, issuance, insert) with P-256, whose
        // keygen takes microseconds; RSA keygen has no warm state of its own.
        for _ in 0..<Self.warmUpCalls {
            _ = try generating.create(Self.request("EC", 256, "SHA256withECDSA"), in: environment)
        }

        // RSA-2048, pool warm: two variants over the same pre-filled pool table.
        let count = options.poolKeys
        let warmUp = Self.warmUpCalls
        // Both variants take count + warmUp keys; the breakdown takes 5 more.
        let filling = KeyPool(store: store, targets: [.rsa2048: 2 * (count + warmUp) + 5])
        progress("filling the RSA-2048 pool with \(2 * (count + warmUp) + 5) keys (not timed)")
        let fillTime = try fillInParallel(filling)
        let filled = try pooled(.rsa2048, store)
        emit(
            "# pool: \(filled) RSA-2048 keys made by KeyPool.fillNow() on \(Self.fillThreads) threads in \(seconds(fillTime)) s (not timed)"
        )

        // (a) Takes only: a stopped pool still hands out its keys but schedules no refill.
        let quiet = KeyPool(store: store, targets: [.rsa2048: count])
        quiet.stop()
        progress("timing \(count) RSA-2048 creates, pool warm, refill off")
        let (quietTimes, quietKey) = try timeCreates(
            KeyService(store: store, keys: quiet),
            rsa2048,
            in: environment,
            count: count
        )
        guard try pooled(.rsa2048, store) == filled - count - warmUp else {
            throw BenchCommand.Failure(description: "the pool lost or gained keys while its refill was off")
        }
        // Takes 5 of the spare pooled keys, with the refill still off.
        let parts = try breakdown(of: quietKey, world, takingFrom: .rsa2048)
        let afterQuiet = try pooled(.rsa2048, store)

        // (b) As the code is: target = count, so each take below the target schedules the
        // background refill, which generates RSA keys on another thread while the creates run.
        let refilling = KeyPool(store: store, targets: [.rsa2048: count])
        progress("timing \(count) RSA-2048 creates, pool warm, refill worker running (as the code is)")
        let refillStart = clock.now
        let (refillTimes, _) = try timeCreates(
            KeyService(store: store, keys: refilling),
            rsa2048,
            in: environment,
            count: count
        )
        let refillElapsed = refillStart.duration(to: clock.now)
        refilling.stop()
        let stoppedAt = try pooled(.rsa2048, store)
        let waited = try waitForWorker(.rsa2048, store, above: stoppedAt, timeout: .seconds(3))
        let added = try pooled(.rsa2048, store) - (afterQuiet - count - warmUp)

        emit("create.rsa2048.pool  \(latency(refillTimes))  \(target("p50", refillTimes, Self.createP50Target))")
        emit(
            "#   refill worker running: it added \(added) RSA-2048 keys during the \(count + warmUp) creates (\(seconds(refillElapsed)) s) and the \(seconds(waited)) s after stop()"
        )
        emit("create.rsa2048.pool.norefill  \(latency(quietTimes))  \(target("p50", quietTimes, Self.createP50Target))")
        emit("#   pool stopped before timing: each create takes a pooled key, no key is generated meanwhile")
        emit("#   per create, median of 5 apart: \(parts)")

        // RSA-2048, pool off: every create generates its key on the calling thread.
        progress("timing \(options.noPoolKeys) RSA-2048 creates, pool off")
        let (noPoolTimes, _) = try timeCreates(
            generating,
            rsa2048,
            in: environment,
            count: options.noPoolKeys,
            warmUp: 0
        )
        emit("create.rsa2048.nopool  \(latency(noPoolTimes))")
        let ratio = percentile(noPoolTimes, 0.5) / percentile(refillTimes, 0.5)
        let quietRatio = percentile(noPoolTimes, 0.5) / percentile(quietTimes, 0.5)
        emit(
            "create.rsa2048.ratio  nopool/pool p50 \(format(ratio))x  (norefill \(format(quietRatio))x)  target >= \(format(Self.ratioTarget))x: \(ratio >= Self.ratioTarget ? "met" : "MISSED")"
        )

        // RSA-7680, pool off first, so that nothing runs beside it.
        let rsa7680 = Self.request("RSA", 7680, "SHA256withRSA")
        var pendingRefill: Int?
        if options.rsa7680NoPoolKeys > 0 {
            progress("timing \(options.rsa7680NoPoolKeys) RSA-7680 creates, pool off (8-25 s each)")
            let (times, _) = try timeCreates(
                generating,
                rsa7680,
                in: environment,
                count: options.rsa7680NoPoolKeys,
                warmUp: 0
            )
            emit("create.rsa7680.nopool  \(latency(times))")
        } else {
            emit("create.rsa7680.nopool  skipped (--rsa7680-nopool-keys 0): see rsa7680.keygen of bench crypto")
        }

        // RSA-7680, pool warm, as the code is (its refill starts a 7680-bit keygen in the background).
        if options.rsa7680PoolKeys > 0 {
            let pool = KeyPool(store: store, targets: [.rsa7680: options.rsa7680PoolKeys])
            progress("filling the RSA-7680 pool with \(options.rsa7680PoolKeys) keys (not timed; 8-25 s each)")
            let fill7680 = try fillInParallel(pool)
            emit(
                "# pool: \(try pooled(.rsa7680, store)) RSA-7680 keys made by fillNow() on \(Self.fillThreads) threads in \(seconds(fill7680)) s (not timed)"
            )
            progress("timing \(options.rsa7680PoolKeys) RSA-7680 creates, pool warm")
            let (times, last) = try timeCreates(
                KeyService(store: store, keys: pool),
                rsa7680,
                in: environment,
                count: options.rsa7680PoolKeys,
                warmUp: 0
            )
            pool.stop()
            pendingRefill = try pooled(.rsa7680, store)
            emit("create.rsa7680.pool  \(latency(times))  \(target("p50", times, Self.rsa7680Target))")
            emit("#   per create, median of 5 apart: \(try breakdown(of: last, world))")
            emit("#   the pool's own refill may still be generating one RSA-7680 key; it is waited for before list")
        }
        return pendingRefill
    }

    /// Creates `count` keys one after another, after `warmUp` untimed ones; the time of each, and
    /// the last key made.
    private func timeCreates(
        _ service: KeyService,
        _ request: KeyCreationRequest,
        in environment: UUID,
        count: Int,
        warmUp: Int = StoreBenchmark.warmUpCalls
    ) throws -> (times: [Duration], last: Key?) {
        var last: Key?
        for _ in 0..<warmUp { last = try service.create(request, in: environment) }
        var times: [Duration] = []
        times.reserveCapacity(count)
        for _ in 0..<count {
            let start = clock.now
            last = try service.create(request, in: environment)
            times.append(start.duration(to: clock.now))
        }
        return (times, last)
    }

    /// Parts of one create, each the median of 5, measured apart from the timed runs: the take's
    /// write transaction (when `spec` is given; it opens the pooled key), opening a sealed key,
    /// opening the organization CA's key (every create does), the signature of the self-signed
    /// certificate, and the insert's write transaction.
    private func breakdown(of key: Key?, _ world: World, takingFrom spec: KeySpec? = nil) throws -> String {
        guard let key else { return "no key was created" }
        let store = world.store
        let digest = try DigestAlgorithm.sha256.hash(Array("keyward bench store".utf8))
        var open: [Duration] = []
        var openCA: [Duration] = []
        var sign: [Duration] = []
        var insert: [Duration] = []
        var take: [Duration] = []
        for _ in 0..<5 {
            var start = clock.now
            if let spec {
                guard try store.write({ try $0.takePooledKey(spec: spec) }) != nil else {
                    throw BenchCommand.Failure(description: "the pool ran dry")
                }
                take.append(start.duration(to: clock.now))
                start = clock.now
            }
            guard let privateKey = try store.read({ try $0.privateKey(recordID: key.id) }) else {
                throw BenchCommand.Failure(description: "the key just created has no private key")
            }
            open.append(start.duration(to: clock.now))
            start = clock.now
            _ = try store.read { try $0.privateKey(recordID: world.organization.id) }
            openCA.append(start.duration(to: clock.now))
            start = clock.now
            _ = try privateKey.sign(digest: digest, scheme: .rsaPKCS1v15(.sha256))
            sign.append(start.duration(to: clock.now))
            var copy = key
            copy.id = UUID()
            start = clock.now
            try store.write { try $0.insert(copy, privateKey: privateKey) }
            insert.append(start.duration(to: clock.now))
        }
        let parts =
            (spec == nil ? [] : [("take (write transaction, opens the key)", take)]) + [
                ("open the sealed key", open), ("open the organization CA key", openCA),
                ("sign (self-signed certificate)", sign), ("insert (seal + write transaction)", insert),
            ]
        return parts.map { "\($0.0) \(format(percentile($0.1, 0.5))) ms" }.joined(separator: ", ")
    }

    /// One thread per CPU, at most 4.
    static let fillThreads = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4))

    /// Runs `fillNow()` on several threads at once (each tops the pool up; together they may
    /// overshoot the target by a key or two). Returns the time taken.
    private func fillInParallel(_ pool: KeyPool) throws -> Duration {
        let failures = Failures()
        let group = DispatchGroup()
        let start = clock.now
        for index in 0..<Self.fillThreads {
            DispatchQueue(label: "keyward.bench.fill.\(index)").async(group: group) {
                do {
                    try pool.fillNow()
                } catch {
                    failures.add("\(error)")
                }
            }
        }
        group.wait()
        if let failure = failures.first { throw BenchCommand.Failure(description: "filling the pool: \(failure)") }
        return start.duration(to: clock.now)
    }

    /// Waits until the pool of `spec` holds more than `count` keys (a stopped worker finishes the
    /// key it is generating, then stops), or until `timeout`; returns the time waited.
    @discardableResult
    private func waitForWorker(_ spec: KeySpec, _ store: SQLiteStore, above count: Int, timeout: Duration) throws
        -> Duration
    {
        let start = clock.now
        while try pooled(spec, store) <= count, start.duration(to: clock.now) < timeout {
            usleep(20_000)
        }
        return start.duration(to: clock.now)
    }

    private func pooled(_ spec: KeySpec, _ store: SQLiteStore) throws -> Int {
        try store.read { try $0.pooledKeyCount(spec: spec) }
    }

    private func organizationSubject(_ world: World) throws -> String {
        try Certificate(parsing: world.organization.certificateDER).subject.description
    }

    // MARK: - List and memory

    private func measureListsAndMemory(_ world: World, pendingRefill: Int?) throws {
        let store = world.store
        let environments = [
            (name: "list.small", id: world.smallEnvironment, keys: options.smallEnvironmentKeys),
            (name: "list.large", id: world.largeEnvironment, keys: options.largeEnvironmentKeys),
        ]
        // Every listed row is a copy of one real key: by default a P-256 key whose certificate
        // the organization CA signed, so each row carries the trust chain (two PEM certificates)
        // a CA-signed key has. One private key is sealed afresh for every row, as for any key.
        let issuer = options.caSignedRows ? try organizationSubject(world) : nil
        let template = try KeyService(store: store).create(
            Self.request("EC", 256, "SHA256withECDSA", issuerDN: issuer),
            in: world.createEnvironment
        )
        emit(
            "# listed rows: copies of a P-256 key, \(options.caSignedRows ? "signed by the organization CA (trust chain of 2 PEM certificates, \(template.trustChain.reduce(0) { $0 + $1.utf8.count }) bytes)" : "self-signed (empty trust chain)"), certificate \(template.certificateDER.count) bytes"
        )
        let privateKey = try PrivateKey.generate(.p256)
        for environment in environments {
            progress("inserting \(environment.keys) keys into \(environment.name) (batches of \(Self.insertBatch))")
            let start = clock.now
            try insertCopies(of: template, privateKey: privateKey, into: environment.id, count: environment.keys, store)
            let elapsed = start.duration(to: clock.now)
            emit(
                "# \(environment.name): \(environment.keys) keys inserted in \(seconds(elapsed)) s (\(Int((Double(environment.keys) / (elapsed / .seconds(1))).rounded())) rows/s, not timed)"
            )
        }
        if let pendingRefill {
            // The RSA-7680 pool's refill, stopped, finishes the key it was generating: wait for it
            // so that it does not run beside the timed lists.
            let waited = try waitForWorker(.rsa7680, store, above: pendingRefill, timeout: .seconds(90))
            progress("waited \(seconds(waited)) s for the RSA-7680 refill worker")
        }
        emit(
            "# database: \(megabytes(fileSize(world.databasePath))) MiB + WAL \(megabytes(fileSize(world.databasePath + "-wal"))) MiB"
        )

        let service = KeyService(store: store)
        for environment in environments {
            // Cursors: ids of the environment, each with a full page after it.
            let ids = try allIDs(environment.id, service)
            guard ids.count == environment.keys + 1 else {
                throw BenchCommand.Failure(description: "\(environment.name): \(ids.count) keys listed")
            }
            var random = SplitMix64(seed: 0x6b65_7977_6172_64)
            let cursors = (0..<options.listCalls).map { _ in
                ids[Int.random(in: 0..<(ids.count - Self.pageSize), using: &random)]
            }
            progress("timing \(options.listCalls) lists of \(Self.pageSize) keys in \(environment.name)")
            for cursor in cursors.prefix(Self.warmUpCalls) {
                _ = try service.list(in: environment.id, after: cursor, limit: Self.pageSize)
            }
            var times: [Duration] = []
            times.reserveCapacity(cursors.count)
            for cursor in cursors {
                let start = clock.now
                let (page, count) = try service.list(in: environment.id, after: cursor, limit: Self.pageSize)
                times.append(start.duration(to: clock.now))
                guard page.items.count == Self.pageSize, count == ids.count else {
                    throw BenchCommand.Failure(description: "\(environment.name): a page of \(page.items.count)")
                }
            }
            emit(
                "\(environment.name)  \(latency(times))  \(target("p99", times, Self.listP99Target))  (\(ids.count) keys in the environment)"
            )
            emit(
                "#   the two reads of a list, median of 100 apart: \(try listBreakdown(environment.id, cursors, store))"
            )
        }

        // Memory: this process, after paging once through the large environment as a client
        // would, then a fresh process that opens the same database.
        let start = clock.now
        var pages = 0
        var cursor: UUID?
        repeat {
            let (page, _) = try service.list(in: world.largeEnvironment, after: cursor, limit: Self.pageSize)
            cursor = page.nextCursor
            pages += 1
        } while cursor != nil
        emit(
            "# paged once through list.large: \(pages) pages of \(Self.pageSize) in \(seconds(start.duration(to: clock.now))) s"
        )
        emit(
            "rss.bench  \(Self.memory())  \(Self.memoryTarget())  (this process: everything above, store open, after paging through list.large)"
        )
        try Self.runChild(directory: world.directory)
    }

    /// The two queries `KeyService.list` runs, each in a read transaction of its own: the page
    /// (100 rows after a cursor, decoded) and the environment's `count(*)`.
    private func listBreakdown(_ environmentID: UUID, _ cursors: [UUID], _ store: SQLiteStore) throws -> String {
        var page: [Duration] = []
        var count: [Duration] = []
        for cursor in cursors.prefix(100) {
            var start = clock.now
            _ = try store.read { try $0.keys(environmentID: environmentID, after: cursor, limit: Self.pageSize) }
            page.append(start.duration(to: clock.now))
            start = clock.now
            _ = try store.read { try $0.keyCount(environmentID: environmentID) }
            count.append(start.duration(to: clock.now))
        }
        return
            "page of \(Self.pageSize) \(format(percentile(page, 0.5))) ms, count(*) \(format(percentile(count, 0.5))) ms"
    }

    /// Inserts `count` copies of `template` (fresh ids, not default) into `environmentID`.
    private func insertCopies(
        of template: Key,
        privateKey: PrivateKey,
        into environmentID: UUID,
        count: Int,
        _ store: SQLiteStore
    ) throws {
        var remaining = count
        while remaining > 0 {
            let batch = min(remaining, Self.insertBatch)
            try store.write { writer in
                for _ in 0..<batch {
                    var key = template
                    key.id = UUID()
                    key.environmentID = environmentID
                    key.isDefault = false
                    try writer.insert(key, privateKey: privateKey)
                }
            }
            remaining -= batch
        }
    }

    /// Every key id of an environment in listing order (pages of 1,000).
    private func allIDs(_ environmentID: UUID, _ service: KeyService) throws -> [UUID] {
        var ids: [UUID] = []
        var cursor: UUID?
        repeat {
            let (page, _) = try service.list(in: environmentID, after: cursor, limit: 1000)
            ids += page.items.map(\.id)
            cursor = page.nextCursor
        } while cursor != nil
        return ids
    }

    // MARK: - Resident memory

    /// `--rss-only DIR`: opens the store, prints the resident memory, pages through every
    /// environment once and prints it again. Run as a child of the benchmark, so that nothing
    /// else has touched the process.
    static func openOnly(_ directory: String) throws {
        let masterKey = try MasterKey.load(dataDirectory: directory, environment: [:])
        let store = try SQLiteStore(path: directory + "/keyward.db", masterKey: masterKey)
        StandardStreams.out(
            "rss.open-only  \(memory())  \(memoryTarget())  (fresh process: binary and libraries loaded, store opened)\n"
        )
        let service = KeyService(store: store)
        var keys = 0
        for organization in try OrganizationService(store: store).list() {
            for environment in try store.read({ try $0.environments(organizationID: organization.id) }) {
                var cursor: UUID?
                repeat {
                    let (page, _) = try service.list(in: environment.id, after: cursor, limit: pageSize)
                    keys += page.items.count
                    cursor = page.nextCursor
                } while cursor != nil
            }
        }
        StandardStreams.out(
            "rss.open-and-list  \(memory())  \(memoryTarget())  (same process after paging through all \(keys) keys, \(pageSize) a page)\n"
        )
    }

    /// Runs `keyward bench store --rss-only DIR` and waits for it; its lines go to our stdout.
    private static func runChild(directory: String) throws {
        var path = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &path, path.count - 1)
        guard length > 0 else { throw BenchCommand.Failure(description: "cannot find /proc/self/exe") }
        let executable = String(decoding: path.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let arguments = [executable, "bench", "store", "--rss-only", directory]
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, nil, nil, argv, environ)
        guard spawned == 0 else { throw BenchCommand.Failure(description: "posix_spawn failed: \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw BenchCommand.Failure(description: "waitpid failed: \(errno)") }
        }
        // Exited normally (low 7 bits 0) with status 0 (the next 8 bits).
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw BenchCommand.Failure(description: "keyward bench store --rss-only failed (wait status \(status))")
        }
    }

    /// `VmRSS 41.2 MiB (anon 20.1, file 21.1; peak VmHWM 45.0)` from /proc/self/status.
    static func memory() -> String {
        let status = procStatus()
        func mib(_ field: String) -> String { format((status[field] ?? .nan) / 1024) }
        return "VmRSS \(mib("VmRSS")) MiB (anon \(mib("RssAnon")), file \(mib("RssFile")); peak VmHWM \(mib("VmHWM")))"
    }

    static func memoryTarget() -> String {
        let resident = (procStatus()["VmRSS"] ?? .infinity) / 1024
        return "target <= \(format(residentTargetMiB)) MiB: \(resident <= residentTargetMiB ? "met" : "MISSED")"
    }

    /// The `kB` fields of /proc/self/status.
    private static func procStatus() -> [String: Double] {
        // /proc files have no size: read until end of file.
        let descriptor = open("/proc/self/status", O_RDONLY)
        guard descriptor >= 0 else { return [:] }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            bytes += buffer.prefix(count)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        var fields: [String: Double] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(whereSeparator: { $0 == ":" || $0 == " " || $0 == "\t" })
            if parts.count == 3, parts[2] == "kB", let value = Double(parts[1]) {
                fields[String(parts[0])] = value
            }
        }
        return fields
    }

    // MARK: - Files

    private static func makeTemporaryDirectory() throws -> String {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(base)/keyward-bench-store.XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
        guard made != nil else { throw BenchCommand.Failure(description: "cannot create a directory in \(base)") }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func remove(_ directory: String) {
        do {
            try FileManager.default.removeItem(atPath: directory)
        } catch {
            StandardStreams.error("keyward bench store: could not remove \(directory): \(error)\n")
        }
    }

    private func fileSize(_ path: String) -> Double {
        var information = stat()
        guard stat(path, &information) == 0 else { return 0 }
        return Double(information.st_size)
    }

    // MARK: - Figures

    /// `p50 3.10 ms  p99 6.02 ms  max 9.80 ms  n=200`: nearest-rank percentiles.
    private func latency(_ times: [Duration]) -> String {
        "p50 \(format(percentile(times, 0.5))) ms  p99 \(format(percentile(times, 0.99))) ms  max \(format(percentile(times, 1))) ms  n=\(times.count)"
    }

    /// `target p50 <= 5 ms: met` (or `MISSED`).
    private func target(_ name: String, _ times: [Duration], _ limit: Double) -> String {
        let value = percentile(times, name == "p50" ? 0.5 : 0.99)
        return "target \(name) <= \(format(limit)) ms: \(value <= limit ? "met" : "MISSED")"
    }

    /// The nearest-rank percentile `p` (0…1) of `times`, in milliseconds.
    private func percentile(_ times: [Duration], _ p: Double) -> Double {
        let sorted = times.map { $0 / .milliseconds(1) }.sorted()
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    private func seconds(_ duration: Duration) -> String { Self.format(duration / .seconds(1)) }

    private func megabytes(_ bytes: Double) -> String { Self.format(bytes / 1_048_576) }

    private func format(_ value: Double) -> String { Self.format(value) }

    /// Three significant digits at least: lists take a millisecond, RSA-7680 keys seconds.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "?" }
        let decimals = value >= 100 ? 0 : value >= 10 ? 1 : value >= 1 ? 2 : 3
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((value * Double(scale)).rounded())
        guard decimals > 0 else { return String(scaled) }
        let fraction = String(scaled % scale)
        return "\(scaled / scale)." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// A figure line on stdout at once.
    private func emit(_ line: String) {
        StandardStreams.out(line + "\n")
    }

    /// What is running now, on stderr (the slow parts take minutes).
    private func progress(_ line: String) {
        StandardStreams.error("bench store: \(line)\n")
    }
}

/// Failures of the fill threads, kept as text.
private final class Failures: Sendable {
    private let messages = Mutex<[String]>([])

    func add(_ message: String) { messages.withLock { $0.append(message) } }

    var first: String? { messages.withLock { $0.first } }
}

/// A small seeded generator, so that every run lists after the same cursors.
private struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
