import Foundation
import KeywardCore
import KeywardCrypto
import Testing

/// The scheduler over ten simulated years, one tick a day, with two nodes sharing the store:
/// every rotation happens once, on its day; a valid current key exists every day; a token
/// issued just before a rotation still verifies with the JWKS published after it; expiry
/// events are written once each, on their day.
@Suite("Ten years of scheduled rotation")
struct TenYearScheduleTests {
    static let day: TimeInterval = 86400

    @Test func everyRotationHappensOnceOnItsDayAndTokensVerifyAcrossEachOne() throws {
        let start = Date(timeIntervalSince1970: 1_798_761_600)  // 2027-01-01T00:00:00Z
        let world = try TestWorld(now: start)
        let environment = world.environmentA.id
        let applications = ApplicationService(store: world.store, clock: world.clock, hashIterations: 1000)
        let tokens = TokenService(
            store: world.store,
            clock: world.clock,
            settings: TokenSettings(issuerBase: "https://keyward.test/"),
            applications: applications
        )
        let (application, secret) = try applications.create(name: "client", in: environment)
        let policies = tokens.rotationPolicies
        let jobs: [any ScheduledJob] = [
            RotationJob(policies: policies), ExpiryNoticeJob(store: world.store, clock: world.clock),
        ]
        let nodeA = Scheduler(store: world.store, clock: world.clock, jobs: jobs, holder: "node-a")
        let nodeB = Scheduler(store: world.store, clock: world.clock, jobs: jobs, holder: "node-b")
        let created = try #require(try policies.list(in: environment).first)
        let defaultKey = try world.defaultKey(in: world.environmentA)

        var rotationDays: [Int] = []
        var policy = created
        var tokensChecked = 0
        for day in 1...3650 {
            world.clock.set(start.addingTimeInterval(TimeInterval(day) * Self.day))
            let due = (policy.nextRotationAt.map { $0 <= world.clock.now }) ?? false
            // A token issued just before the tick that rotates.
            let before =
                due ? try tokens.issue(clientID: application.id.uuidString, secret: secret, in: environment) : nil
            let outcomesA = nodeA.tick()
            let outcomesB = nodeB.tick()
            #expect(outcomesA.allSatisfy { if case .ran = $0.outcome { true } else { false } }, "day \(day)")
            #expect(outcomesB.allSatisfy { $0.outcome == .heldElsewhere }, "day \(day)")
            let now = try policies.get(created.id, in: environment)
            if now.currentKeyID != policy.currentKeyID {
                rotationDays.append(day)
                #expect(now.previousKeyID == policy.currentKeyID && now.currentKeyID == policy.nextKeyID)
            }
            // A valid current key, published with the next one, every day.
            let current = try world.keys.get(try #require(now.currentKeyID), in: environment)
            #expect([.valid, .expiring].contains(current.status(at: world.clock.now)), "day \(day)")
            let published = try tokens.signingKeys(in: environment).map(\.kid)
            #expect(
                published.contains(current.id.lowercaseString)
                    && published.contains(now.nextKeyID?.lowercaseString ?? "-")
            )
            if let before {
                // Verified against the JWKS published after the rotation, and by the server.
                let jws = try CompactJWS(parsing: before.accessToken)
                let header = try JSONSerialization.jsonObject(with: Data(jws.headerJSON)) as? [String: Any]
                let kid = try #require(header?["kid"] as? String)
                let jwk = try #require(try tokens.signingKeys(in: environment).first { $0.kid == kid })
                #expect(jws.isValid(with: try jwk.publicKey(), algorithm: .rs256), "day \(day)")
                world.clock.advance(by: 30 * 60)
                #expect(try tokens.authenticate(bearer: before.accessToken).clientID == application.id)
                let after = try tokens.issue(clientID: application.id.uuidString, secret: secret, in: environment)
                #expect(try tokens.authenticate(bearer: after.accessToken).clientID == application.id)
                tokensChecked += 1
            }
            policy = now
        }
        #expect(rotationDays == Array(stride(from: 90, through: 3650, by: 90)))
        #expect(tokensChecked == rotationDays.count)

        // The audit trail: one ROTATED per rotation, each previous key deleted the day after
        // its rotation (its retention is an hour), the default key's expiry noticed once each.
        let events = try allEvents(world, environment: environment, from: start)
        let rotated = events.filter { $0.action == .keyRotationPolicyRotated }
        #expect(rotated.count == 40)
        let retired = events.filter { $0.action == .keyDeleted && $0.result.description.contains("retired") }
        #expect(retired.count == 40)
        let expiring = events.filter { $0.action == .keyExpiring }
        let expired = events.filter { $0.action == .keyExpired }
        #expect(expiring.map(\.resource?.id) == [defaultKey.id])
        #expect(expired.map(\.resource?.id) == [defaultKey.id])
        #expect(expiring.first?.recordedAt == start.addingTimeInterval(351 * Self.day))
        #expect(expired.first?.recordedAt == start.addingTimeInterval(366 * Self.day))
        // Only the current, next and previous keys of the policy remain.
        let remaining = try world.keys.list(in: environment, limit: 100).page.items.filter {
            $0.rotationPolicyID != nil
        }
        #expect(Set(remaining.map(\.id)) == Set(policy.keyIDs))
    }

    private func allEvents(_ world: TestWorld, environment: UUID, from start: Date) throws -> [AuditEvent] {
        var events: [AuditEvent] = []
        var after: AuditCursor?
        repeat {
            let page = try world.store.read { reader in
                try reader.auditEvents(
                    AuditQuery(
                        environmentID: environment,
                        earliest: start,
                        before: start.addingTimeInterval(3700 * Self.day),
                        after: after,
                        limit: 1000
                    )
                )
            }
            events += page.events
            after = page.next
        } while after != nil
        return events
    }
}
