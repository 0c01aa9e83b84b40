import Foundation
import Testing

@testable import KeywardHTTP

@Suite("JSON dates")
struct JSONDateTests {
    /// Foundation formats whole seconds exactly; the milliseconds are checked apart, because a
    /// `Date` holds them as a binary fraction that Foundation truncates (…395.9999 → 395).
    @Test func matchesFoundationsISO8601ToTheMillisecond() {
        let style = Date.ISO8601FormatStyle()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let seconds = Int64.random(in: -2_000_000_000...32_000_000_000, using: &generator)
            let milliseconds = Int64.random(in: 0..<1000, using: &generator)
            let date = Date(timeIntervalSince1970: Double(seconds * 1000 + milliseconds) / 1000)
            let whole = Date(timeIntervalSince1970: Double(seconds)).formatted(style)
            let expected = whole.dropLast() + "." + String(1000 + milliseconds).dropFirst() + "Z"
            #expect(JSONDate.string(date) == expected, "\(seconds).\(milliseconds)")
        }
    }

    @Test func knownValues() {
        #expect(JSONDate.string(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(JSONDate.string(Date(timeIntervalSince1970: 1_608_150_406.540)) == "2020-12-16T20:26:46.540Z")
        #expect(JSONDate.string(Date(timeIntervalSince1970: -0.001)) == "1969-12-31T23:59:59.999Z")
    }
}
