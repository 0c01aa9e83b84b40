import Foundation
import KeywardCore
import Testing

@Suite struct KeyStatusTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    var end: Date { start.addingTimeInterval(365 * 86400) }

    @Test func statusFollowsTheClockThroughTheValidityWindow() {
        func status(_ offset: TimeInterval, revoked: Date? = nil) -> KeyStatus {
            KeyStatus(now: start.addingTimeInterval(offset), startsAt: start, expiresAt: end, revokedAt: revoked)
        }
        #expect(status(-1) == .notYetValid)
        #expect(status(0) == .valid)
        #expect(status(350 * 86400) == .valid)
        #expect(status(365 * 86400 - 14 * 86400 - 1) == .valid)
        #expect(status(365 * 86400 - 14 * 86400) == .expiring)
        #expect(status(365 * 86400) == .expiring)
        #expect(status(365 * 86400 + 1) == .expired)
    }

    @Test func revocationWinsOverEveryOtherStatus() {
        let revokedAt = start.addingTimeInterval(10)
        for offset: TimeInterval in [20, 365 * 86400 - 86400, 400 * 86400] {
            let now = start.addingTimeInterval(offset)
            #expect(KeyStatus(now: now, startsAt: start, expiresAt: end, revokedAt: revokedAt) == .revoked)
        }
        #expect(
            KeyStatus(now: start.addingTimeInterval(5), startsAt: start, expiresAt: end, revokedAt: revokedAt) == .valid
        )
    }

    @Test func manualClockMovesOnlyWhenTold() {
        let clock = ManualClock(start)
        #expect(clock.now == start)
        clock.advance(by: 86400)
        #expect(clock.now == start.addingTimeInterval(86400))
    }

    @Test func usageTypeAcceptsTheSeedSpellingOfTLSAsAnAlias() {
        #expect(UsageType(wireValue: "SSL_TLS") == .sslTLS)
        #expect(UsageType(wireValue: "SSL/TLS") == .sslTLS)
        #expect(UsageType.sslTLS.rawValue == "SSL/TLS")
        #expect(UsageType(wireValue: "signing") == nil)
    }
}
