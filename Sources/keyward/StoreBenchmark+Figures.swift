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

extension StoreBenchmark {
    // MARK: - Figures

    /// `p50 3.10 ms  p99 6.02 ms  max 9.80 ms  n=200`: nearest-rank percentiles.
    func latency(_ times: [Duration]) -> String {
        "p50 \(format(percentile(times, 0.5))) ms  p99 \(format(percentile(times, 0.99))) ms  max \(format(percentile(times, 1))) ms  n=\(times.count)"
    }

    /// `target p50 <= 5 ms: met` (or `MISSED`).
    func target(_ name: String, _ times: [Duration], _ limit: Double) -> String {
        let value = percentile(times, name == "p50" ? 0.5 : 0.99)
        return "target \(name) <= \(format(limit)) ms: \(value <= limit ? "met" : "MISSED")"
    }

    /// The nearest-rank percentile `p` (0…1) of `times`, in milliseconds.
    func percentile(_ times: [Duration], _ p: Double) -> Double {
        let sorted = times.map { $0 / .milliseconds(1) }.sorted()
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    func seconds(_ duration: Duration) -> String { Self.format(duration / .seconds(1)) }

    func megabytes(_ bytes: Double) -> String { Self.format(bytes / 1_048_576) }

    func format(_ value: Double) -> String { Self.format(value) }

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
    func emit(_ line: String) {
        StandardStreams.out(line + "\n")
    }

    /// What is running now, on stderr (the slow parts take minutes).
    func progress(_ line: String) {
        StandardStreams.error("bench store: \(line)\n")
    }
}

/// Failures of the fill threads, kept as text.
final class Failures: Sendable {
    let messages = Mutex<[String]>([])

    func add(_ message: String) { messages.withLock { $0.append(message) } }

    var first: String? { messages.withLock { $0.first } }
}

/// A small seeded generator, so that every run lists after the same cursors.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
