import Foundation
import KeywardCore
import KeywardCrypto
import KeywardTestSupport
import Synchronization
import Testing

/// The scheduler's leases, its expiry notices and its thread.
@Suite("Scheduler")
struct SchedulerTests {
    @Test func aLeaseBelongsToOneHolderUntilItRunsOut() throws {
        let world = try TestWorld()
        let now = world.clock.now
        func take(_ holder: String, at time: Date) throws -> Bool {
            try world.store.write {
                try $0.acquireLease("job", holder: holder, now: time, until: time.addingTimeInterval(60))
            }
        }
        #expect(try take("a", at: now))
        #expect(try take("b", at: now.addingTimeInterval(30)) == false)
        #expect(try take("a", at: now.addingTimeInterval(30)))  // renewed until +90
        #expect(try take("b", at: now.addingTimeInterval(89)) == false)
        #expect(try take("b", at: now.addingTimeInterval(90)))
        #expect(try take("a", at: now.addingTimeInterval(91)) == false)
        #expect(try world.store.write { try $0.acquireLease("other job", holder: "a", now: now, until: now) })
    }

    @Test func expiryEventsAreWrittenOnceEachAndNeverForRevokedRecords() throws {
        let world = try TestWorld()
        let environment = world.environmentA.id
        let job = ExpiryNoticeJob(store: world.store, clock: world.clock)
        let key = try world.keys.create(TestWorld.keyRequest(validityPeriod: 30), in: environment)
        var revoked = try world.keys.create(TestWorld.keyRequest(validityPeriod: 20), in: environment)
        revoked.revokedAt = world.clock.now
        try world.store.write { try $0.update(revoked) }
        #expect(try job.run() == nil)

        world.clock.advance(by: 17 * 86400)  // the key enters its last two weeks
        #expect(try job.run() != nil)
        #expect(try job.run() == nil)
        world.clock.advance(by: 14 * 86400)  // and expires
        _ = try job.run()
        #expect(try job.run() == nil)
        let events = try world.store.read { reader in
            try reader.auditEvents(
                AuditQuery(environmentID: environment, criterion: .resourceID(key.id.lowercaseString), limit: 100)
            )
        }.events
        #expect(events.map(\.action) == [.keyCreated, .keyExpiring, .keyExpired])
        #expect(events.dropFirst().allSatisfy { $0.actor == nil && $0.result.status == .success })
        let revokedEvents = try world.store.read { reader in
            try reader.auditEvents(
                AuditQuery(environmentID: environment, criterion: .resourceID(revoked.id.lowercaseString), limit: 100)
            )
        }.events
        #expect(revokedEvents.map(\.action) == [.keyCreated])
        // A record found already expired gets EXPIRED only.
        let late = try world.keys.create(TestWorld.keyRequest(validityPeriod: 1), in: environment)
        world.clock.advance(by: 2 * 86400)
        _ = try job.run()
        let lateEvents = try world.store.read { reader in
            try reader.auditEvents(
                AuditQuery(environmentID: environment, criterion: .resourceID(late.id.lowercaseString), limit: 100)
            )
        }.events
        #expect(lateEvents.map(\.action) == [.keyCreated, .keyExpired])
        // Deleting a key forgets its notices (nothing is left behind in the store).
        try world.keys.delete(key.id, in: environment)
        #expect(
            try world.store.read { try $0.expiryCandidates(at: world.clock.now, limit: 100) }.contains {
                $0.id == key.id
            } == false
        )
    }

    @Test func aCertificateUploadedByOpenSSLIsNoticedBeforeAndAfterItExpires() throws {
        let world = try TestWorld()
        let environment = world.environmentA.id
        let files = try TemporaryDirectory()
        let made = try openssl(
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-days",
            "20",
            "-subj",
            "/CN=partner.example",
            "-keyout",
            files.path("partner.key"),
            "-out",
            files.path("partner.pem")
        )
        #expect(made.status == 0, "\(made.standardError)")
        world.clock.set(Date().addingTimeInterval(1))  // openssl's notBefore is its own now
        let certificate = try CertificateService(store: world.store, clock: world.clock)
            .upload(try files.read("partner.pem"), usageType: "SIGNING", in: environment)
        let job = ExpiryNoticeJob(store: world.store, clock: world.clock)
        _ = try job.run()
        world.clock.advance(by: 7 * 86400)
        _ = try job.run()
        world.clock.advance(by: 14 * 86400)
        _ = try job.run()
        _ = try job.run()
        let events = try world.store.read { reader in
            try reader.auditEvents(
                AuditQuery(environmentID: environment, criterion: .resourceID(certificate.id.lowercaseString))
            )
        }.events
        #expect(events.map(\.action) == [.certificateCreated, .certificateExpiring, .certificateExpired])
        #expect(events.last?.result.description.contains("expired") == true)
    }

    @Test func aFailingJobIsReportedAndTheOthersStillRun() throws {
        struct Failing: ScheduledJob {
            var name: String { "failing" }
            func run() throws(CoreError) -> String? { throw .storeFailure("disk full") }
        }
        struct Counting: ScheduledJob {
            var name: String { "counting" }
            func run() throws(CoreError) -> String? { "counted" }
        }
        let world = try TestWorld()
        let scheduler = Scheduler(store: world.store, clock: world.clock, jobs: [Failing(), Counting()], holder: "a")
        let outcomes = scheduler.tick()
        #expect(outcomes.map(\.job) == ["failing", "counting"])
        #expect(outcomes.first?.outcome == .failed("store failure: disk full"))
        #expect(outcomes.last?.outcome == .ran("counted"))
    }

    @Test func theWorkerTicksAtOnceAndStopsWhenAsked() throws {
        struct Reporting: ScheduledJob {
            var name: String { "reporting" }
            func run() throws(CoreError) -> String? { "ran" }
        }
        let world = try TestWorld()
        let scheduler = Scheduler(store: world.store, jobs: [Reporting()], interval: 3600, holder: "a")
        let lines = Mutex<[String]>([])
        let first = DispatchSemaphore(value: 0)
        scheduler.start { line in
            lines.withLock { $0.append(line) }
            first.signal()
        }
        #expect(first.wait(timeout: .now() + 30) == .success)
        #expect(scheduler.stopAndWait(timeout: .seconds(10)))
        #expect(lines.withLock { $0 } == ["ran"])
    }
}
