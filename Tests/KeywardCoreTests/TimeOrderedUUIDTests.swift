import Foundation
import Testing

@testable import KeywardCore

/// Audit event and rotation-policy key ids are version-7 UUIDs: time-ordered (so that the
/// primary-key index grows at its end, and policy keys sort in rotation order), and unique.
@Suite struct TimeOrderedUUIDTests {
    @Test func idsAreVersion7OrderedByTimeAndUnique() {
        let start = Date(timeIntervalSince1970: 1_765_000_000.123)
        let ids = (0..<1000).map { UUID.timeOrdered(at: start.addingTimeInterval(Double($0) / 100)) }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.uuid.6 >> 4 == 7)
            #expect(id.uuid.8 >> 6 == 0b10)
        }
        let first = ids[0].uuid
        let milliseconds = [first.0, first.1, first.2, first.3, first.4, first.5].reduce(UInt64(0)) {
            $0 << 8 | UInt64($1)
        }
        #expect(milliseconds == 1_765_000_000_123)
        // Ids of later milliseconds sort after earlier ones, as text too (how the store keeps them).
        let texts = stride(from: 0, to: 1000, by: 10).map { ids[$0].lowercaseString }
        #expect(texts == texts.sorted())
    }

    /// The counter belongs to the latest millisecond seen in the process; the time here is later
    /// than any other test's (manual clocks included), so that tests running alongside cannot
    /// take it over.
    @Test func idsOfOneMillisecondStillIncrease() {
        let now = Date(timeIntervalSince1970: 4_102_444_800.5)  // 2100-01-01
        let texts = (0..<500).map { _ in UUID.timeOrdered(at: now).lowercaseString }
        #expect(texts == texts.sorted())
        #expect(Set(texts).count == 500)
    }
}
