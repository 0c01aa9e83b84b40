import KeywardCore
import KeywardCrypto
import KeywardHTTP
import KeywardStore
import KeywardWebhooks

#if canImport(Glibc)
    import Glibc
#endif

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `keyward serve`: runs the HTTP API until SIGINT or SIGTERM, then stops gracefully.
enum ServeCommand {
    static func run(_ arguments: [String]) -> Int32 {
        var options: ServeOptions
        do {
            options = try ServeOptions(arguments: arguments, environment: ServeOptions.processEnvironment())
        } catch {
            StandardStreams.error("keyward serve: \(error.message)\n\n\(Usage.text)")
            return Usage.exitStatus
        }
        if options.wantsHelp {
            StandardStreams.out(Usage.text)
            return 0
        }

        // Open the store first: a missing installation, a master key that does not open the
        // root's private key, or an unusable --tls-key stops the server before it listens.
        let store: SQLiteStore
        let rootSubject: String
        var tls: TLSCredentials?
        do {
            store = try openStore(options)
            rootSubject = try checkInstallationRoot(store)
            if let reference = options.tlsKey {
                tls = try loadTLSCredentials(reference, from: store)
            }
        } catch let error as UsageError {
            StandardStreams.error("keyward serve: \(error.message)\n")
            return Usage.exitStatus
        } catch {
            let message = (error as? CoreError)?.description ?? "\(error)"
            StandardStreams.error("keyward: \(message)\n")
            return 1
        }

        let signals = ShutdownSignals.block()  // before the server starts its threads
        let pool = KeyPool(store: store, targets: options.keyPoolTargets)
        pool.start()
        if options.port == 0, let port = FreePort.find(host: options.host) {
            options.port = port  // known before the API is built: its links name it
        }
        let scheme = tls == nil ? "http" : "https"
        let baseURL = options.publicURL ?? "\(scheme)://\(options.host):\(options.port)"
        let router = Routes.makeRouter(
            APIServices(
                store: store,
                keys: pool,
                baseURL: baseURL,
                rateLimits: options.rateLimits,
                keyUseEvents: options.keyUseEvents
            )
        )
        let server: HTTPServer
        do {
            server = try HTTPServer(configuration: configuration(options, tls: tls), router: router)
        } catch {
            StandardStreams.error("keyward: \(error)\n")
            return 1
        }
        // After the server: deliveries may start as soon as the API can take changes. One node
        // at a time delivers: the one holding the `webhooks` lease in the store.
        let holder = UUID().lowercaseString
        let webhooks =
            options.webhooks
            ? startWebhooks(
                store: store,
                baseURL: baseURL,
                holder: holder,
                targets: options.webhookTargets,
                logger: Logger(level: options.logLevel)
            )
            : nil
        StandardStreams.out(
            "Keyward \(KeywardVersion.current) listening on \(scheme)://\(server.host):\(server.port)"
                + " (public URL \(baseURL)); installation root \(rootSubject)\n"
        )
        let scheduler = makeScheduler(options, store: store, pool: pool, holder: holder)
        let logger = Logger(level: options.logLevel)
        scheduler?.start { line in logger.info(line) }
        let signal = signals.waitForSignal()
        server.stop()
        let webhooksStopped = webhooks?.stopAndWait() ?? true  // before the store closes
        let schedulerIsIdle = scheduler?.stopAndWait(timeout: .seconds(20)) ?? true
        let poolIsIdle = pool.stopAndWait(timeout: .seconds(20)) && schedulerIsIdle
        StandardStreams.error("keyward: stopped on signal \(signal)\n")
        if !poolIsIdle || !webhooksStopped {
            // The pool is still generating a key, which is not stored yet (or a delivery did not
            // end): leave without running exit-time cleanup under its feet.
            _exit(0)
        }
        return 0
    }

    /// The background jobs of this node, or `nil` with `--scheduler-interval 0`. Each job runs
    /// under a lease in the store, so several nodes on one database do each job once.
    private static func makeScheduler(_ options: ServeOptions, store: SQLiteStore, pool: KeyPool, holder: String)
        -> Scheduler?
    {
        guard options.schedulerInterval > 0 else { return nil }
        let settings = TokenSettings(issuerBase: "")
        let policies = RotationPolicyService(
            store: store,
            keys: pool,
            schedule: RotationSchedule(tokenLifetime: settings.lifetime, leeway: settings.leeway)
        )
        return Scheduler(
            store: store,
            jobs: [RotationJob(policies: policies), ExpiryNoticeJob(store: store), KeyPoolRefillJob(pool: pool)],
            interval: Double(options.schedulerInterval),
            holder: holder
        )
    }

    /// Starts the webhook dispatcher; failed attempts are logged as warnings. Each pass first
    /// takes or renews the `webhooks` lease (30 s), so with several nodes one delivers.
    private static func startWebhooks(
        store: SQLiteStore,
        baseURL: String,
        holder: String,
        targets: WebhookTargetPolicy,
        logger: Logger
    ) -> WebhookDispatcher {
        let gate: WebhookDispatcher.Gate = { now in
            (try? store.write {
                try $0.acquireLease("webhooks", holder: holder, now: now, until: now.addingTimeInterval(30))
            }) ?? false
        }
        let dispatcher = WebhookDispatcher(
            store: store,
            baseURL: baseURL,
            transport: CurlTransport(targets: targets),
            gate: gate,
            log: { logger.warn($0) }
        )
        dispatcher.start()
        return dispatcher
    }

    private static func configuration(_ options: ServeOptions, tls: TLSCredentials?) -> HTTPServerConfiguration {
        var configuration = HTTPServerConfiguration(
            host: options.host,
            port: options.port,
            maxBodySize: options.maxBodySize,
            tls: tls,
            logger: Logger(level: options.logLevel)
        )
        configuration.threadCount = options.threadCount ?? ServeOptions.defaultThreadCount
        return configuration
    }

    /// Opens the SQLite store of the installation in `options.dataDirectory` (its master key
    /// lives there, or in KEYWARD_MASTER_KEY).
    private static func openStore(_ options: ServeOptions) throws -> SQLiteStore {
        guard access(options.databasePath, F_OK) == 0 else {
            throw CoreError.invalidValue(
                field: "--data-dir",
                reason: "\(options.databasePath) holds no installation; run keyward init --data-dir "
                    + "\(options.dataDirectory) first"
            )
        }
        let masterKey = try MasterKey.load(dataDirectory: options.dataDirectory)
        return try SQLiteStore(path: options.databasePath, masterKey: masterKey)
    }

    /// Checks that the master key opens the root CA's private key; returns the root's subject.
    private static func checkInstallationRoot(_ store: SQLiteStore) throws -> String {
        try store.read { reader in
            guard let root = try reader.installationRoot() else { throw CoreError.notInitialised }
            guard let key = try reader.privateKey(recordID: InstallationRoot.recordID),
                key.matches(try Certificate(parsing: root.certificateDER))
            else { throw CoreError.storeFailure("the root CA's private key does not match its certificate") }
            return try Certificate(parsing: root.certificateDER).subject.description
        }
    }

    /// The chain (the key's certificate, then its trust chain) and PKCS#8 key of the stored
    /// SSL/TLS key that `--tls-key` names. A key that is absent or not SSL/TLS is a usage error.
    private static func loadTLSCredentials(_ reference: TLSKeyReference, from store: SQLiteStore) throws
        -> TLSCredentials
    {
        let flag =
            "--tls-key \(reference.environmentID.lowercaseString)/\(reference.keyID.lowercaseString)"
        guard let key = try store.read({ try $0.key(id: reference.keyID, environmentID: reference.environmentID) })
        else {
            throw UsageError(message: "\(flag): no such key in that environment")
        }
        guard key.usageType == .sslTLS else {
            throw UsageError(
                message: "\(flag): the key's usageType is \(key.usageType.rawValue); HTTPS needs an SSL/TLS key"
            )
        }
        guard let privateKey = try store.read({ try $0.privateKey(recordID: key.id) }) else {
            throw CoreError.storeFailure("the private key of \(flag) is missing from the store")
        }
        var chain = try Certificate(parsing: key.certificateDER).pemRepresentation()
        for issuer in key.trustChain {
            if !chain.hasSuffix("\n") {
                chain += "\n"
            }
            chain += issuer
        }
        return TLSCredentials(certificateChainPEM: chain, privateKeyPEM: Array(try privateKey.pkcs8PEM().utf8))
    }
}
