import KeywardCore
import KeywardStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StoreBenchmark {
    /// The audit part: P-256 creates through `KeyService` inside a request's `AuditContext`, with
    /// the event written (as the code is) and with it dropped (`DroppingAuditWriter`), in
    /// alternating rounds; event inserts alone; then activities queries over `--audit-events`
    /// events in one environment.
    func measureAudit(_ world: World) throws {
        let environments = EnvironmentService(store: world.store)
        let environment = try environments.create(EnvironmentRequest(name: "audit"), in: world.organization.id)
        let (application, _) = try ApplicationService(store: world.store, hashIterations: 1000)
            .create(name: "bench client", in: environment.id)
        let principal = Principal(
            clientID: application.id,
            environmentID: environment.id,
            organizationID: world.organization.id
        )
        let request = Self.request("EC", 256, "SHA256withECDSA")
        let audited = KeyService(store: world.store)
        let unaudited = KeyService(store: WrappingStore(world.store) { DroppingAuditWriter(base: $0) })
        let count = options.auditKeys
        progress("timing \(count) P-256 creates with and without their event, 3 alternating rounds each")
        var withEvents: [Double] = []
        var withoutEvents: [Double] = []
        var withTimes: [Duration] = []
        var withoutTimes: [Duration] = []
        for _ in 0..<3 {
            let on = try timeAuditedCreates(audited, request, environment.id, principal, count)
            withEvents.append(on.perSecond)
            withTimes += on.times
            let off = try timeAuditedCreates(unaudited, request, environment.id, principal, count)
            withoutEvents.append(off.perSecond)
            withoutTimes += off.times
        }
        let on = median(withEvents)
        let off = median(withoutEvents)
        emit("audit.create.p256.events  \(format(on)) keys/s = events/s  \(latency(withTimes))")
        emit("audit.create.p256.noevents  \(format(off)) keys/s  \(latency(withoutTimes))")
        let difference = (1 / on - 1 / off) * 1000
        emit(
            "audit.create.difference  \(difference < 0 ? "-" : "+")\(format(abs(difference))) ms per create "
                + "(1/events - 1/noevents, median keys/s of 3 rounds of \(count); the commit's fsync dominates both)"
        )
        try measureEventInserts(world, environment, principal)
        try measureActivityQueries(world, environment, principal)
    }

    /// `count` creates after 10 untimed, each in its own request context; keys/s and each time.
    private func timeAuditedCreates(
        _ service: KeyService,
        _ request: KeyCreationRequest,
        _ environment: UUID,
        _ principal: Principal,
        _ count: Int
    ) throws -> (perSecond: Double, times: [Duration]) {
        func create() throws -> Duration {
            let context = AuditContext(correlationID: UUID().lowercaseString, clientAddress: "192.0.2.1")
            context.identify(principal)
            let start = clock.now
            _ = try AuditContext.$current.withValue(context) { try service.create(request, in: environment) }
            return start.duration(to: clock.now)
        }
        for _ in 0..<Self.warmUpCalls { _ = try create() }
        var times: [Duration] = []
        let start = clock.now
        for _ in 0..<count { times.append(try create()) }
        return (Double(count) / (start.duration(to: clock.now) / .seconds(1)), times)
    }

    /// Events inserted alone: one per write transaction (what each audited change adds to its
    /// own) and 1,000 per transaction.
    private func measureEventInserts(_ world: World, _ environment: Environment, _ principal: Principal) throws {
        let count = options.auditKeys
        var times: [Duration] = []
        let start = clock.now
        for index in 0..<count {
            let event = Self.event(index, environment, principal, at: Date())
            let began = clock.now
            try world.store.write { try $0.insert(event) }
            times.append(began.duration(to: clock.now))
        }
        let single = Double(count) / (start.duration(to: clock.now) / .seconds(1))
        emit("audit.insert.single  \(format(single)) events/s (one write transaction each)  \(latency(times))")
    }

    /// Fills the environment to `--audit-events` events (1,000 per transaction), then times the
    /// activities queries an operator makes, each a page of 100 through `AuditService.events`.
    private func measureActivityQueries(_ world: World, _ environment: Environment, _ principal: Principal) throws {
        let total = options.auditEvents
        let base = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01, one event a second after
        progress("inserting \(total) events (batches of 1000)")
        let start = clock.now
        var index = 0
        while index < total {
            let end = min(index + 1000, total)
            try world.store.write { writer in
                for position in index..<end {
                    try writer.insert(
                        Self.event(position, environment, principal, at: base.addingTimeInterval(Double(position)))
                    )
                }
            }
            index = end
        }
        let elapsed = start.duration(to: clock.now) / .seconds(1)
        emit(
            "audit.insert.batch  \(format(Double(total) / elapsed)) events/s (1000 per write transaction)  "
                + "audit.event.cost \(format(elapsed * 1000 / Double(total))) ms per event inside a transaction"
        )
        let service = AuditService(store: world.store)
        var random = SplitMix64(seed: 0x6175_6469_74)
        let span = Double(total)
        let queries: [(String, (inout SplitMix64) -> AuditQuery)] = [
            (
                "audit.query.range",
                { random in
                    AuditQuery(
                        environmentID: environment.id,
                        earliest: base.addingTimeInterval(Double.random(in: 0..<(span - 200), using: &random)),
                        limit: 100
                    )
                }
            ),
            (
                "audit.query.resource",
                { random in
                    AuditQuery(
                        environmentID: environment.id,
                        earliest: base,
                        criterion: .resourceID(
                            Self.resourceID(Int.random(in: 0..<1000, using: &random)).lowercaseString
                        ),
                        limit: 100
                    )
                }
            ),
            (
                "audit.query.action",
                { random in
                    AuditQuery(
                        environmentID: environment.id,
                        earliest: base.addingTimeInterval(Double.random(in: 0..<(span / 2), using: &random)),
                        criterion: .actionTypes([Self.auditActions[Int.random(in: 0..<4, using: &random)].rawValue]),
                        limit: 100
                    )
                }
            ),
        ]
        for (name, makeQuery) in queries {
            progress("timing \(options.listCalls) \(name) pages of 100")
            for _ in 0..<Self.warmUpCalls { _ = try service.events(makeQuery(&random)) }
            var times: [Duration] = []
            var rows = 0
            for _ in 0..<options.listCalls {
                let query = makeQuery(&random)
                let began = clock.now
                rows += try service.events(query).events.count
                times.append(began.duration(to: clock.now))
            }
            emit("\(name)  \(latency(times))  (\(total) events; \(rows / options.listCalls) rows a page on average)")
        }
    }

    static let auditActions: [AuditAction] = [.keyCreated, .keyExported, .csrExported, .keyUpdated]

    /// The id of the `index`th of 1,000 resources the filled events name.
    static func resourceID(_ index: Int) -> UUID {
        UUID(uuid: (0xA0, 0, 0, 0, 0, 0, 0x40, 0, 0x80, 0, 0, 0, 0, 0, UInt8(index >> 8), UInt8(index & 0xFF)))
    }

    /// A filled event like a key export: actor, resource, correlation id and address.
    static func event(_ index: Int, _ environment: Environment, _ principal: Principal, at time: Date) -> AuditEvent {
        AuditEvent(
            id: UUID(),
            environmentID: environment.id,
            organizationID: environment.organizationID,
            recordedAt: time,
            createdAt: time,
            correlationID: UUID().lowercaseString,
            action: auditActions[index % auditActions.count],
            actor: AuditActor(clientID: principal.clientID, name: "bench client", environmentID: environment.id),
            resource: AuditResource(
                type: "KEY",
                id: resourceID(index % 1000),
                name: "bench key \(index % 1000)",
                environmentID: environment.id
            ),
            result: .success("Exported the certificate of Key bench key \(index % 1000) as PEM"),
            clientAddress: "192.0.2.1"
        )
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }
}
