import KeywardCore
import Testing

/// The wait between attempts at one batch: 1 s doubling to 10 minutes, spread by ±25 %.
@Suite struct DeliveryBackoffTests {
    @Test(arguments: [(1, 1.0), (2, 2.0), (3, 4.0), (10, 512.0), (11, 600.0), (40, 600.0)])
    func waitDoublesFromOneSecondUpToTenMinutes(_ failures: Int, _ seconds: Double) {
        #expect(DeliveryBackoff.delay(afterFailures: failures, jitter: 0.5) == seconds)
    }

    @Test func jitterSpreadsEachWaitByAQuarterAndNeverPassesTheCap() {
        #expect(DeliveryBackoff.delay(afterFailures: 3, jitter: 0) == 3)
        #expect(DeliveryBackoff.delay(afterFailures: 3, jitter: 0.999_999) < 5)
        #expect(DeliveryBackoff.delay(afterFailures: 30, jitter: 0.999_999) == 600)
    }
}
