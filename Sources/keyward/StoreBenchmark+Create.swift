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
    // MARK: - Create

    /// Times the creates; returns the RSA-7680 pool's size when its refill was stopped, if it
    /// was running (the worker finishes the key it is generating).
    func measureCreates(_ world: World) throws -> Int? {
        let store = world.store
        let environment = world.createEnvironment
        let rsa2048 = Self.request("RSA", 2048, "SHA256withRSA")
        let generating = KeyService(store: store, keys: GeneratingKeySource())
        // Warm-up of the whole create path (reads, DN parsing, issuance, insert) with P-256, whose
        // keygen takes microseconds; RSA keygen has no warm state of its own.
        for _ in 0..<Self.warmUpCalls {
            _ = try generating.create(Self.request("EC", 256, "SHA256withECDSA"), in: environment)
        }

        // RSA-2048, pool warm: two variants over the same pre-filled pool table.
        let count = options.poolKeys
        let warmUp = Self.warmUpCalls
        // Both variants take count + warmUp keys; the breakdown takes 5 more.
        let filling = KeyPool(store: store, targets: [.rsa2048: 2 * (count + warmUp) + 5])
        progress("filling the RSA-2048 pool with \(2 * (count + warmUp) + 5) keys (not timed)")
        let fillTime = try fillInParallel(filling)
        let filled = try pooled(.rsa2048, store)
        emit(
            "# pool: \(filled) RSA-2048 keys made by KeyPool.fillNow() on \(Self.fillThreads) threads in \(seconds(fillTime)) s (not timed)"
        )

        // (a) Takes only: a stopped pool still hands out its keys but schedules no refill.
        let quiet = KeyPool(store: store, targets: [.rsa2048: count])
        quiet.stop()
        progress("timing \(count) RSA-2048 creates, pool warm, refill off")
        let (quietTimes, quietKey) = try timeCreates(
            KeyService(store: store, keys: quiet),
            rsa2048,
            in: environment,
            count: count
        )
        guard try pooled(.rsa2048, store) == filled - count - warmUp else {
            throw BenchCommand.Failure(description: "the pool lost or gained keys while its refill was off")
        }
        // Takes 5 of the spare pooled keys, with the refill still off.
        let parts = try breakdown(of: quietKey, world, takingFrom: .rsa2048)
        let afterQuiet = try pooled(.rsa2048, store)

        // (b) As the code is: target = count, so each take below the target schedules the
        // background refill, which generates RSA keys on another thread while the creates run.
        let refilling = KeyPool(store: store, targets: [.rsa2048: count])
        progress("timing \(count) RSA-2048 creates, pool warm, refill worker running (as the code is)")
        let refillStart = clock.now
        let (refillTimes, _) = try timeCreates(
            KeyService(store: store, keys: refilling),
            rsa2048,
            in: environment,
            count: count
        )
        let refillElapsed = refillStart.duration(to: clock.now)
        refilling.stop()
        let stoppedAt = try pooled(.rsa2048, store)
        let waited = try waitForWorker(.rsa2048, store, above: stoppedAt, timeout: .seconds(3))
        let added = try pooled(.rsa2048, store) - (afterQuiet - count - warmUp)

        emit("create.rsa2048.pool  \(latency(refillTimes))  \(target("p50", refillTimes, Self.createP50Target))")
        emit(
            "#   refill worker running: it added \(added) RSA-2048 keys during the \(count + warmUp) creates (\(seconds(refillElapsed)) s) and the \(seconds(waited)) s after stop()"
        )
        emit("create.rsa2048.pool.norefill  \(latency(quietTimes))  \(target("p50", quietTimes, Self.createP50Target))")
        emit("#   pool stopped before timing: each create takes a pooled key, no key is generated meanwhile")
        emit("#   per create, median of 5 apart: \(parts)")

        // RSA-2048, pool off: every create generates its key on the calling thread.
        progress("timing \(options.noPoolKeys) RSA-2048 creates, pool off")
        let (noPoolTimes, _) = try timeCreates(
            generating,
            rsa2048,
            in: environment,
            count: options.noPoolKeys,
            warmUp: 0
        )
        emit("create.rsa2048.nopool  \(latency(noPoolTimes))")
        let ratio = percentile(noPoolTimes, 0.5) / percentile(refillTimes, 0.5)
        let quietRatio = percentile(noPoolTimes, 0.5) / percentile(quietTimes, 0.5)
        emit(
            "create.rsa2048.ratio  nopool/pool p50 \(format(ratio))x  (norefill \(format(quietRatio))x)  target >= \(format(Self.ratioTarget))x: \(ratio >= Self.ratioTarget ? "met" : "MISSED")"
        )

        // RSA-7680, pool off first, so that nothing runs beside it.
        let rsa7680 = Self.request("RSA", 7680, "SHA256withRSA")
        var pendingRefill: Int?
        if options.rsa7680NoPoolKeys > 0 {
            progress("timing \(options.rsa7680NoPoolKeys) RSA-7680 creates, pool off (8-25 s each)")
            let (times, _) = try timeCreates(
                generating,
                rsa7680,
                in: environment,
                count: options.rsa7680NoPoolKeys,
                warmUp: 0
            )
            emit("create.rsa7680.nopool  \(latency(times))")
        } else {
            emit("create.rsa7680.nopool  skipped (--rsa7680-nopool-keys 0): see rsa7680.keygen of bench crypto")
        }

        // RSA-7680, pool warm, as the code is (its refill starts a 7680-bit keygen in the background).
        if options.rsa7680PoolKeys > 0 {
            let pool = KeyPool(store: store, targets: [.rsa7680: options.rsa7680PoolKeys])
            progress("filling the RSA-7680 pool with \(options.rsa7680PoolKeys) keys (not timed; 8-25 s each)")
            let fill7680 = try fillInParallel(pool)
            emit(
                "# pool: \(try pooled(.rsa7680, store)) RSA-7680 keys made by fillNow() on \(Self.fillThreads) threads in \(seconds(fill7680)) s (not timed)"
            )
            progress("timing \(options.rsa7680PoolKeys) RSA-7680 creates, pool warm")
            let (times, last) = try timeCreates(
                KeyService(store: store, keys: pool),
                rsa7680,
                in: environment,
                count: options.rsa7680PoolKeys,
                warmUp: 0
            )
            pool.stop()
            pendingRefill = try pooled(.rsa7680, store)
            emit("create.rsa7680.pool  \(latency(times))  \(target("p50", times, Self.rsa7680Target))")
            emit("#   per create, median of 5 apart: \(try breakdown(of: last, world))")
            emit("#   the pool's own refill may still be generating one RSA-7680 key; it is waited for before list")
        }
        return pendingRefill
    }

    /// Creates `count` keys one after another, after `warmUp` untimed ones; the time of each, and
    /// the last key made.
    func timeCreates(
        _ service: KeyService,
        _ request: KeyCreationRequest,
        in environment: UUID,
        count: Int,
        warmUp: Int = StoreBenchmark.warmUpCalls
    ) throws -> (times: [Duration], last: Key?) {
        var last: Key?
        for _ in 0..<warmUp { last = try service.create(request, in: environment) }
        var times: [Duration] = []
        times.reserveCapacity(count)
        for _ in 0..<count {
            let start = clock.now
            last = try service.create(request, in: environment)
            times.append(start.duration(to: clock.now))
        }
        return (times, last)
    }

    /// Parts of one create, each the median of 5, measured apart from the timed runs: the take's
    /// write transaction (when `spec` is given; it opens the pooled key), opening a sealed key,
    /// opening the organization CA's key (every create does), the signature of the self-signed
    /// certificate, and the insert's write transaction.
    func breakdown(of key: Key?, _ world: World, takingFrom spec: KeySpec? = nil) throws -> String {
        guard let key else { return "no key was created" }
        let store = world.store
        let digest = try DigestAlgorithm.sha256.hash(Array("keyward bench store".utf8))
        var open: [Duration] = []
        var openCA: [Duration] = []
        var sign: [Duration] = []
        var insert: [Duration] = []
        var take: [Duration] = []
        for _ in 0..<5 {
            var start = clock.now
            if let spec {
                guard try store.write({ try $0.takePooledKey(spec: spec) }) != nil else {
                    throw BenchCommand.Failure(description: "the pool ran dry")
                }
                take.append(start.duration(to: clock.now))
                start = clock.now
            }
            guard let privateKey = try store.read({ try $0.privateKey(recordID: key.id) }) else {
                throw BenchCommand.Failure(description: "the key just created has no private key")
            }
            open.append(start.duration(to: clock.now))
            start = clock.now
            _ = try store.read { try $0.privateKey(recordID: world.organization.id) }
            openCA.append(start.duration(to: clock.now))
            start = clock.now
            _ = try privateKey.sign(digest: digest, scheme: .rsaPKCS1v15(.sha256))
            sign.append(start.duration(to: clock.now))
            var copy = key
            copy.id = UUID()
            start = clock.now
            try store.write { try $0.insert(copy, privateKey: privateKey) }
            insert.append(start.duration(to: clock.now))
        }
        let parts =
            (spec == nil ? [] : [("take (write transaction, opens the key)", take)]) + [
                ("open the sealed key", open), ("open the organization CA key", openCA),
                ("sign (self-signed certificate)", sign), ("insert (seal + write transaction)", insert),
            ]
        return parts.map { "\($0.0) \(format(percentile($0.1, 0.5))) ms" }.joined(separator: ", ")
    }

    /// One thread per CPU, at most 4.
    static let fillThreads = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4))

    /// Runs `fillNow()` on several threads at once (each tops the pool up; together they may
    /// overshoot the target by a key or two). Returns the time taken.
    func fillInParallel(_ pool: KeyPool) throws -> Duration {
        let failures = Failures()
        let group = DispatchGroup()
        let start = clock.now
        for index in 0..<Self.fillThreads {
            DispatchQueue(label: "keyward.bench.fill.\(index)").async(group: group) {
                do {
                    try pool.fillNow()
                } catch {
                    failures.add("\(error)")
                }
            }
        }
        group.wait()
        if let failure = failures.first { throw BenchCommand.Failure(description: "filling the pool: \(failure)") }
        return start.duration(to: clock.now)
    }

    /// Waits until the pool of `spec` holds more than `count` keys (a stopped worker finishes the
    /// key it is generating, then stops), or until `timeout`; returns the time waited.
    @discardableResult
    func waitForWorker(_ spec: KeySpec, _ store: SQLiteStore, above count: Int, timeout: Duration) throws
        -> Duration
    {
        let start = clock.now
        while try pooled(spec, store) <= count, start.duration(to: clock.now) < timeout {
            usleep(20_000)
        }
        return start.duration(to: clock.now)
    }

    func pooled(_ spec: KeySpec, _ store: SQLiteStore) throws -> Int {
        try store.read { try $0.pooledKeyCount(spec: spec) }
    }

    func organizationSubject(_ world: World) throws -> String {
        try Certificate(parsing: world.organization.certificateDER).subject.description
    }
}
