import Dispatch
import KeywardCrypto
import Synchronization

/// `keyward bench <group>`: in-process benchmarks, run from a release build by `bench/run`, which
/// puts each figure beside its reference (`openssl speed`). See `bench/README.md`.
///
/// Library-free on purpose: a warm-up of 10 calls, then a fixed `Duration` timed with `ContinuousClock`,
/// three times; the median run is reported. Nothing here is ever asserted in a test.
enum BenchCommand {
    static let usage = """
        usage: keyward bench crypto [--seconds N] [--threads T] [ALGORITHM…]
               keyward bench store [--keys N] …   (keyward bench store --help)
          --seconds N  length of each of the 3 timed runs per measure (default 1)
          --threads T  threads signing or verifying at once, like openssl speed -multi T (default 1)
          ALGORITHM    only these: rsa2048 rsa3072 rsa4096 rsa7680 p224 p256 p384 p521 (default: all)
        bench/run runs this beside openssl speed and prints the ratios (see bench/README.md).

        """

    /// Runs the group named by `arguments` (the words after `bench`); returns the process exit status.
    static func run(_ arguments: [String]) -> Int32 {
        // The store group has its own options and help: Sources/keyward/StoreBenchmark.swift.
        if arguments.first == "store" { return StoreBenchmark.run(Array(arguments.dropFirst())) }
        if arguments.contains(where: { ["--help", "-h", "help"].contains($0) }) {
            StandardStreams.out(usage)
            return 0
        }
        guard arguments.first == "crypto", let options = Options(Array(arguments.dropFirst())) else {
            StandardStreams.error(usage)
            return Usage.exitStatus
        }
        do {
            try CryptoBenchmark(options: options).run()
            return 0
        } catch {
            StandardStreams.error("keyward bench crypto: \(error)\n")
            return 1
        }
    }
}

extension BenchCommand {
    /// `--seconds N --threads T [ALGORITHM…]`.
    struct Options {
        var runDuration: Duration = .seconds(1)
        var threads = 1
        var cases = BenchCommand.signatureCases

        init?(_ arguments: [String]) {
            var remaining = arguments[...]
            var names: [String] = []
            while let name = remaining.popFirst() {
                guard name.hasPrefix("--") else {
                    names.append(name)
                    continue
                }
                guard let value = remaining.popFirst() else { return nil }
                switch name {
                case "--seconds":
                    guard let seconds = Double(value), seconds > 0, seconds <= 600 else { return nil }
                    runDuration = .milliseconds(Int64(seconds * 1000))
                case "--threads":
                    guard let count = Int(value), (1...256).contains(count) else { return nil }
                    threads = count
                default:
                    return nil
                }
            }
            if !names.isEmpty {
                guard names.allSatisfy({ name in cases.contains { $0.name == name } }) else { return nil }
                cases = cases.filter { names.contains($0.name) }
            }
        }
    }

    /// One algorithm: sign and verify a SHA-256 digest, and generate keys.
    struct SignatureCase {
        let name: String
        let spec: KeySpec
        let scheme: SignatureScheme
        /// How many keys to generate and time; RSA keygen is slow and varies widely.
        let keygenSamples: Int
    }

    /// The algorithms of `openssl speed rsa2048 … rsa7680 ecdsap224 … ecdsap521`, in that order.
    static let signatureCases = [
        SignatureCase(name: "rsa2048", spec: .rsa2048, scheme: .rsaPKCS1v15(.sha256), keygenSamples: 20),
        SignatureCase(name: "rsa3072", spec: .rsa3072, scheme: .rsaPKCS1v15(.sha256), keygenSamples: 5),
        SignatureCase(name: "rsa4096", spec: .rsa4096, scheme: .rsaPKCS1v15(.sha256), keygenSamples: 5),
        // About 10 s per key: two samples. Every case signs with its first sample.
        SignatureCase(name: "rsa7680", spec: .rsa7680, scheme: .rsaPKCS1v15(.sha256), keygenSamples: 2),
        SignatureCase(name: "p224", spec: .p224, scheme: .ecdsa(.sha256), keygenSamples: 50),
        SignatureCase(name: "p256", spec: .p256, scheme: .ecdsa(.sha256), keygenSamples: 50),
        SignatureCase(name: "p384", spec: .p384, scheme: .ecdsa(.sha256), keygenSamples: 50),
        SignatureCase(name: "p521", spec: .p521, scheme: .ecdsa(.sha256), keygenSamples: 50),
    ]

    /// A benchmark operation failed or produced a wrong result; the run stops.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }
}

/// The `crypto` group: for each algorithm, `<name>.sign`, `<name>.verify` (operations per second over a
/// precomputed SHA-256 digest, like `openssl speed`) and `<name>.keygen` (time per key).
struct CryptoBenchmark {
    let options: BenchCommand.Options
    private let clock = ContinuousClock()
    private static let warmUpCalls = 10
    private static let runs = 3

    init(options: BenchCommand.Options) { self.options = options }

    func run() throws {
        let digest = try DigestAlgorithm.sha256.hash(Array("keyward bench crypto".utf8))
        _ = try PrivateKey.generate(.p256)  // loads OpenSSL's default provider before anything is timed
        let seconds = format(options.runDuration / .seconds(1))
        emit(
            "# keyward bench crypto: \(OpenSSLLibrary.version); \(options.threads) thread(s); median of 3 runs of \(seconds) s"
        )
        emit("# sign/verify: a precomputed 32-byte SHA-256 digest, RSA PKCS#1 v1.5 or ECDSA")
        for benchmarkCase in options.cases {
            // One key first (the first keygen sample), then sign and verify, then the other samples: the
            // timed signing follows right after whatever ran before (bench/run: openssl speed).
            var keygenTimes: [Duration] = []
            let key = try generateKey(benchmarkCase.spec, times: &keygenTimes)
            let publicKey = try key.publicKey
            let scheme = benchmarkCase.scheme
            let signature = try key.sign(digest: digest, scheme: scheme)
            guard try publicKey.isValidSignature(signature, digest: digest, scheme: scheme) else {
                throw BenchCommand.Failure(description: "\(benchmarkCase.name): a fresh signature does not verify")
            }
            let signRate = try medianRate {
                _ = try key.sign(digest: digest, scheme: scheme)
            }
            emit("\(benchmarkCase.name).sign  keyward \(format(signRate))/s")
            let verifyRate = try medianRate {
                guard try publicKey.isValidSignature(signature, digest: digest, scheme: scheme) else {
                    throw BenchCommand.Failure(description: "\(benchmarkCase.name): verification failed")
                }
            }
            emit("\(benchmarkCase.name).verify  keyward \(format(verifyRate))/s")
            while keygenTimes.count < benchmarkCase.keygenSamples {
                _ = try generateKey(benchmarkCase.spec, times: &keygenTimes)
            }
            emit("\(benchmarkCase.name).keygen  keyward \(summary(keygenTimes))")
        }
    }

    /// Generates one key and appends the time it took to `times`.
    private func generateKey(_ spec: KeySpec, times: inout [Duration]) throws -> PrivateKey {
        let start = clock.now
        let key = try PrivateKey.generate(spec)
        times.append(start.duration(to: clock.now))
        return key
    }

    /// Warms up, then runs `operation` on `options.threads` threads for `options.runDuration`, 3 times;
    /// returns the median of the 3 rates (operations per second, summed over the threads).
    private func medianRate(_ operation: @escaping @Sendable () throws -> Void) throws -> Double {
        for _ in 0..<Self.warmUpCalls { try operation() }
        var rates: [Double] = []
        for _ in 0..<Self.runs {
            rates.append(try timedRun(operation))
        }
        return rates.sorted()[Self.runs / 2]
    }

    /// One timed run: every thread calls `operation` until the duration is over.
    private func timedRun(_ operation: @escaping @Sendable () throws -> Void) throws -> Double {
        if options.threads == 1 {
            return try Self.countCalls(operation, for: options.runDuration)
        }
        let tally = Tally()
        let group = DispatchGroup()
        let duration = options.runDuration
        for index in 0..<options.threads {
            // A serial queue of its own gets a thread of its own: the threads really run at once.
            DispatchQueue(label: "keyward.bench.\(index)").async(group: group) {
                tally.add(Result { try Self.countCalls(operation, for: duration) })
            }
        }
        group.wait()
        return try tally.total()
    }

    /// Calls `operation` until `duration` has passed; returns calls per second.
    private static func countCalls(_ operation: () throws -> Void, for duration: Duration) throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start + duration
        var calls = 0
        repeat {
            try operation()
            calls += 1
        } while clock.now < deadline
        return Double(calls) / (start.duration(to: clock.now) / .seconds(1))
    }

    /// `mean 175.3 ms  median 165.1 ms  min 56.0 ms  max 341.2 ms  n=20`.
    private func summary(_ times: [Duration]) -> String {
        let milliseconds = times.map { $0 / .milliseconds(1) }.sorted()
        let count = milliseconds.count
        guard let first = milliseconds.first, let last = milliseconds.last else { return "no samples" }
        let mean = milliseconds.reduce(0, +) / Double(count)
        let median =
            count % 2 == 1 ? milliseconds[count / 2] : (milliseconds[count / 2 - 1] + milliseconds[count / 2]) / 2
        let parts = [("mean", mean), ("median", median), ("min", first), ("max", last)]
        return parts.map { "\($0.0) \(formatMilliseconds($0.1)) ms" }.joined(separator: "  ") + "  n=\(count)"
    }

    /// A whole number from 100 up, one decimal below (RSA-7680 signs about 28 times a second).
    private func format(_ value: Double) -> String {
        if value >= 100 { return String(Int(value.rounded())) }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// Three significant digits at least: EC keys take tens of microseconds, RSA keys up to seconds.
    private func formatMilliseconds(_ value: Double) -> String {
        let decimals = value >= 100 ? 0 : value >= 10 ? 1 : value >= 1 ? 2 : 3
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((value * Double(scale)).rounded())
        guard decimals > 0 else { return String(scaled) }
        let fraction = String(scaled % scale)
        return "\(scaled / scale)." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// Prints a line at once, so that a pipe shows progress during the slow RSA cases.
    private func emit(_ line: String) {
        StandardStreams.out(line + "\n")
    }
}

/// The rates of one multi-threaded run, added up by the threads themselves.
private final class Tally: Sendable {
    private let results = Mutex<[Result<Double, any Error>]>([])

    func add(_ result: Result<Double, any Error>) {
        results.withLock { $0.append(result) }
    }

    /// The sum of the threads' rates, or the first thread's error.
    func total() throws -> Double {
        try results.withLock { results in
            try results.reduce(0) { sum, result in sum + (try result.get()) }
        }
    }
}
