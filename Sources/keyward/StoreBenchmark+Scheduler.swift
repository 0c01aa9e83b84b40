import KeywardCore
import KeywardCrypto
import KeywardStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StoreBenchmark {
    /// The scheduler part: what one tick costs with `--large` keys whose expiries are spread over
    /// two years (the idle pass, when nothing is due, is the common case), the catch-up pass
    /// that writes the notices due after a month without ticks, and a rotation's store work
    /// (its new key comes from a key source that hands out one pre-made RSA-2048 key, as the pool
    /// does, so prime search is not timed).
    func measureScheduler(_ world: World) throws {
        let environments = EnvironmentService(store: world.store)
        let environment = try environments.create(EnvironmentRequest(name: "scheduler"), in: world.organization.id)
        let clock = ManualClock(Date())
        let template = try KeyService(store: world.store).create(
            Self.request("EC", 256, "SHA256withECDSA"),
            in: environment.id
        )
        let privateKey = try world.store.read { try $0.privateKey(recordID: template.id) }
        guard let privateKey else { throw CoreError.storeFailure("the template key has no private key") }
        let count = options.largeEnvironmentKeys
        progress("filling an environment with \(count) keys expiring over two years")
        var remaining = count
        var index = 0
        while remaining > 0 {
            let batch = min(remaining, Self.insertBatch)
            try world.store.write { writer in
                for _ in 0..<batch {
                    var key = template
                    key.id = UUID()
                    key.expiresAt = clock.now.addingTimeInterval(Double(index % 730 + 15) * 86400)
                    try writer.insert(key, privateKey: privateKey)
                    index += 1
                }
            }
            remaining -= batch
        }
        let job = ExpiryNoticeJob(store: world.store, clock: clock)
        _ = try job.run()  // the notices of the template and the environment's own keys
        var idle: [Duration] = []
        for _ in 0..<options.listCalls {
            let start = self.clock.now
            _ = try job.run()
            idle.append(start.duration(to: self.clock.now))
        }
        emit("scheduler.expiry.idle  \(latency(idle))  (\(count) keys, none due)  \(target("p99", idle, 10))")
        clock.advance(by: 30 * 86400)
        let start = self.clock.now
        let line = try job.run() ?? "nothing"
        let elapsed = start.duration(to: self.clock.now)
        let written = Double(count) * 30 / 730
        emit(
            "scheduler.expiry.catchup  \(line) in \(seconds(elapsed)) s = \(format(written / (elapsed / .seconds(1))))"
                + " events/s (30 days of notices at once, one transaction per 500)"
        )
        try measureRotations(world, environment, clock)
    }

    /// Manual rotations of the environment's default policy: the store work of one rotation
    /// (read, insert the new key with its event, move the ids, the ROTATED event, commit).
    private func measureRotations(_ world: World, _ environment: Environment, _ clock: ManualClock) throws {
        let policies = RotationPolicyService(
            store: world.store,
            clock: clock,
            keys: OneKeySource(key: try .generate(.rsa2048))
        )
        guard let policy = try policies.list(in: environment.id).first else { return }
        var times: [Duration] = []
        for _ in 0..<(Self.warmUpCalls + 100) {
            clock.advance(by: 1)
            let start = self.clock.now
            _ = try policies.rotate(policy.id, in: environment.id)
            times.append(start.duration(to: self.clock.now))
        }
        emit(
            "scheduler.rotation  \(latency(Array(times.dropFirst(Self.warmUpCalls))))  (store work; key from the pool)"
        )
    }
}

/// Hands out the same pre-made key: the rotation benchmark times the store, not prime search.
private struct OneKeySource: KeySource {
    let key: PrivateKey

    func makeKey(_ spec: KeySpec) throws(CryptoError) -> PrivateKey { key }
}
