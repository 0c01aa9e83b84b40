import KeywardCore
import KeywardCrypto
import KeywardHTTP
import KeywardWebhooks

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// The options of `keyward serve`, parsed by hand (no argument-parsing package is available).
///
/// Each setting comes from its flag, else from its `KEYWARD_*` environment variable, else
/// from its default. A value that does not parse is a `UsageError` naming the flag (and the
/// variable, when the value came from there).
struct ServeOptions: Equatable {
    var host = "127.0.0.1"
    var port = 8080
    var dataDirectory = "./data"
    /// The SQLite database file; `sqlite:<data-dir>/keyward.db` unless `--store-url` says otherwise.
    var databasePath = "./data/keyward.db"
    var logLevel = LogLevel.info
    var maxBodySize = HTTPServerConfiguration.defaultMaxBodySize
    /// The SSL/TLS key to serve HTTPS with; `nil` serves plain HTTP.
    var tlsKey: TLSKeyReference?
    /// The URL clients reach Keyward at (behind a proxy, the proxy's); `nil` means this
    /// server's own scheme, host and port. HAL links and token issuers are built from it.
    var publicURL: String?
    /// Requests per second per client and per address, and the lock-out after failed authentications.
    var rateLimits = RateLimitSettings()
    /// How many pre-generated keys of each spec the key pool keeps.
    var keyPoolTargets = KeyPool.defaultTargets
    /// libmicrohttpd worker threads; `nil` means `defaultThreadCount`. Handlers block (a
    /// private-key operation waits for its audit event's commit), so more threads let more
    /// events share one.
    var threadCount: Int?

    /// 4 per CPU: a signing waits for its event's disk flush, and only requests waiting at the
    /// same time share one, so one thread per CPU (the earlier default) let about two signings
    /// share a flush. More threads serve more waiting signings (`--threads 64`: up to 3x the
    /// P-256 signings of 2 threads on 2 CPUs) but cost reads a context switch per request
    /// (GET of a key at 64 threads: half the rate of 2 threads); 4 per CPU kept GET's rate.
    static var defaultThreadCount: Int { 4 * ProcessInfo.processInfo.activeProcessorCount }
    /// How far each private-key use event reaches the disk before the result is returned.
    var keyUseEvents = WriteDurability.full
    /// Seconds between two ticks of the background scheduler (rotations, expiry notices, key
    /// pool refill); 0 turns it off on this node.
    var schedulerInterval = 60
    /// Whether this process delivers webhook subscriptions (`--webhooks on|off`).
    var webhooks = true
    /// Whether deliveries may connect to local addresses (loopback, link-local, …): `deny` by
    /// default, against server-side request forgery by a subscription's URL.
    var webhookTargets = WebhookTargetPolicy.denyLocal
    /// True when `--help` was given: print usage instead of serving.
    var wantsHelp = false

    /// Every flag with its environment variable, in the order `--help` lists them.
    static let settings: [(flag: String, variable: String)] = [
        ("--host", "KEYWARD_HOST"), ("--port", "KEYWARD_PORT"), ("--data-dir", "KEYWARD_DATA_DIR"),
        ("--store-url", "KEYWARD_STORE_URL"), ("--log-level", "KEYWARD_LOG_LEVEL"),
        ("--max-body-size", "KEYWARD_MAX_BODY_SIZE"), ("--tls-key", "KEYWARD_TLS_KEY"),
        ("--public-url", "KEYWARD_PUBLIC_URL"), ("--rate-limit-client", "KEYWARD_RATE_LIMIT_CLIENT"),
        ("--rate-limit-address", "KEYWARD_RATE_LIMIT_ADDRESS"), ("--lockout-failures", "KEYWARD_LOCKOUT_FAILURES"),
        ("--lockout-seconds", "KEYWARD_LOCKOUT_SECONDS"), ("--key-pool", "KEYWARD_KEY_POOL"),
        ("--threads", "KEYWARD_THREADS"), ("--key-use-events", "KEYWARD_KEY_USE_EVENTS"),
        ("--scheduler-interval", "KEYWARD_SCHEDULER_INTERVAL"),
        ("--webhooks", "KEYWARD_WEBHOOKS"), ("--webhook-local-targets", "KEYWARD_WEBHOOK_LOCAL_TARGETS"),
    ]

    /// The environment variables `settings` names, read from this process's environment.
    static func processEnvironment() -> [String: String] {
        var environment: [String: String] = [:]
        for setting in settings {
            environment[setting.variable] = getenv(setting.variable).map { String(cString: $0) }
        }
        return environment
    }

    /// Parses `arguments` (`--name value` or `--name=value`, and `--help`), falling back to `environment`.
    init(arguments: [String], environment: [String: String]) throws(UsageError) {
        let flags = try Self.flagValues(arguments, wantsHelp: &wantsHelp)
        var values: [String: (text: String, source: String)] = [:]
        for setting in Self.settings {
            if let text = flags[setting.flag] {
                values[setting.flag] = (text, setting.flag)
            } else if let text = environment[setting.variable] {
                values[setting.flag] = (text, "\(setting.flag) (from \(setting.variable))")
            }
        }
        if let (text, source) = values["--host"] {
            var address = in_addr()
            guard inet_pton(AF_INET, text, &address) == 1 else {
                throw UsageError(message: "\(source) needs an IPv4 address such as 127.0.0.1, not '\(text)'")
            }
            host = text
        }
        if let (text, source) = values["--port"] {
            guard let number = Int(text), (0...65535).contains(number) else {
                throw UsageError(message: "\(source) needs a number from 0 to 65535, not '\(text)'")
            }
            port = number
        }
        if let (text, source) = values["--data-dir"] {
            guard !text.isEmpty else { throw UsageError(message: "\(source) needs a directory") }
            dataDirectory = text
        }
        databasePath = "\(dataDirectory)/keyward.db"
        if let (text, source) = values["--store-url"] {
            databasePath = try Self.databasePath(storeURL: text, source: source)
        }
        if let (text, source) = values["--log-level"] {
            guard let level = LogLevel(rawValue: text) else {
                throw UsageError(message: "\(source) needs one of error, warn, info, debug, not '\(text)'")
            }
            logLevel = level
        }
        if let (text, source) = values["--max-body-size"] {
            guard let bytes = Int(text), (1...Int(UInt32.max)).contains(bytes) else {
                throw UsageError(message: "\(source) needs a number of bytes from 1 to \(UInt32.max), not '\(text)'")
            }
            maxBodySize = bytes
        }
        if let (text, source) = values["--tls-key"], !text.isEmpty {
            guard let reference = TLSKeyReference(text) else {
                throw UsageError(message: "\(source) needs ENVIRONMENT_ID/KEY_ID (two UUIDs), not '\(text)'")
            }
            tlsKey = reference
        }
        if let (text, source) = values["--public-url"] {
            guard text.hasPrefix("http://") || text.hasPrefix("https://"), !text.contains(" ") else {
                throw UsageError(message: "\(source) needs an http:// or https:// URL, not '\(text)'")
            }
            publicURL = text.hasSuffix("/") ? String(text.dropLast()) : text
        }
        let limits: [(flag: String, range: ClosedRange<Int>, set: (inout RateLimitSettings, Int) -> Void)] = [
            ("--rate-limit-client", 0...1_000_000, { $0.perClient = $1 }),
            ("--rate-limit-address", 0...1_000_000, { $0.perAddress = $1 }),
            ("--lockout-failures", 0...1000, { $0.failuresBeforeLockout = $1 }),
            ("--lockout-seconds", 1...86_400, { $0.lockoutSeconds = $1 }),
        ]
        for limit in limits {
            guard let (text, source) = values[limit.flag] else { continue }
            guard let number = Int(text), limit.range.contains(number) else {
                throw UsageError(
                    message:
                        "\(source) needs a number from \(limit.range.lowerBound) to \(limit.range.upperBound), not '\(text)'"
                )
            }
            limit.set(&rateLimits, number)
        }
        if let (text, source) = values["--key-pool"] {
            keyPoolTargets = try Self.keyPoolTargets(text, source: source)
        }
        if let (text, source) = values["--threads"] {
            guard let count = Int(text), (1...1024).contains(count) else {
                throw UsageError(message: "\(source) needs a number of threads from 1 to 1024, not '\(text)'")
            }
            threadCount = count
        }
        if let (text, source) = values["--key-use-events"] {
            guard let durability = WriteDurability(rawValue: text) else {
                throw UsageError(message: "\(source) needs full or process, not '\(text)'")
            }
            keyUseEvents = durability
        }
        if let (text, source) = values["--scheduler-interval"] {
            guard let seconds = Int(text), (0...86400).contains(seconds) else {
                throw UsageError(message: "\(source) needs a number of seconds from 0 to 86400, not '\(text)'")
            }
            schedulerInterval = seconds
        }
        if let (text, source) = values["--webhooks"] {
            guard text == "on" || text == "off" else {
                throw UsageError(message: "\(source) needs on or off, not '\(text)'")
            }
            webhooks = text == "on"
        }
        if let (text, source) = values["--webhook-local-targets"] {
            guard let policy = WebhookTargetPolicy(rawValue: text) else {
                throw UsageError(message: "\(source) needs allow or deny, not '\(text)'")
            }
            webhookTargets = policy
        }
    }

    /// `rsa2048=32,p256=16`: the named specs' targets replace the defaults; 0 turns one off.
    private static func keyPoolTargets(_ text: String, source: String) throws(UsageError) -> [KeySpec: Int] {
        var targets = KeyPool.defaultTargets
        for item in text.split(separator: ",") {
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, let spec = KeySpec.allCases.first(where: { $0.poolName == pair[0] }),
                let count = Int(pair[1]), (0...1000).contains(count)
            else {
                let names = KeySpec.allCases.map(\.poolName).joined(separator: ", ")
                throw UsageError(
                    message: "\(source) needs SPEC=COUNT[,SPEC=COUNT…] with SPEC one of \(names) and COUNT 0…1000,"
                        + " not '\(text)'"
                )
            }
            targets[spec] = count
        }
        return targets
    }

    /// The value of each flag given (the last one, if repeated); sets `wantsHelp` for `--help`/`-h`.
    private static func flagValues(_ arguments: [String], wantsHelp: inout Bool) throws(UsageError) -> [String: String]
    {
        var flags: [String: String] = [:]
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            if argument == "--help" || argument == "-h" {
                wantsHelp = true
                continue
            }
            let (name, inlineValue) = CommandLineOption.split(argument)
            guard settings.contains(where: { $0.flag == name }) else {
                throw UsageError(message: "unknown option '\(argument)' for serve")
            }
            guard let value = inlineValue ?? remaining.popFirst(), !value.isEmpty else {
                throw UsageError(message: "option \(name) needs a value")
            }
            flags[name] = value
        }
        return flags
    }

    /// The database file named by a store URL: `sqlite:PATH` (also `sqlite://PATH`).
    private static func databasePath(storeURL: String, source: String) throws(UsageError) -> String {
        let lowercased = storeURL.lowercased()
        if lowercased.hasPrefix("postgres:") || lowercased.hasPrefix("postgresql:") {
            throw UsageError(
                message: "\(source): PostgreSQL is not available in this build; use sqlite:PATH (the default is"
                    + " sqlite:<data-dir>/keyward.db)"
            )
        }
        guard lowercased.hasPrefix("sqlite:") else {
            throw UsageError(message: "\(source) needs sqlite:PATH, not '\(storeURL)'")
        }
        var path = storeURL.dropFirst("sqlite:".count)
        if path.hasPrefix("//") {
            path = path.dropFirst(2)
        }
        guard !path.isEmpty else {
            throw UsageError(message: "\(source) needs a database file after sqlite:, e.g. sqlite:./data/keyward.db")
        }
        return String(path)
    }
}
