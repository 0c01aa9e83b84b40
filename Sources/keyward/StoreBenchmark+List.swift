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
    // MARK: - List and memory

    func measureListsAndMemory(_ world: World, pendingRefill: Int?) throws {
        let store = world.store
        let environments = [
            (name: "list.small", id: world.smallEnvironment, keys: options.smallEnvironmentKeys),
            (name: "list.large", id: world.largeEnvironment, keys: options.largeEnvironmentKeys),
        ]
        // Every listed row is a copy of one real key: by default a P-256 key whose certificate
        // the organization CA signed, so each row carries the trust chain (two PEM certificates)
        // a CA-signed key has. One private key is sealed afresh for every row, as for any key.
        let issuer = options.caSignedRows ? try organizationSubject(world) : nil
        let template = try KeyService(store: store).create(
            Self.request("EC", 256, "SHA256withECDSA", issuerDN: issuer),
            in: world.createEnvironment
        )
        emit(
            "# listed rows: copies of a P-256 key, \(options.caSignedRows ? "signed by the organization CA (trust chain of 2 PEM certificates, \(template.trustChain.reduce(0) { $0 + $1.utf8.count }) bytes)" : "self-signed (empty trust chain)"), certificate \(template.certificateDER.count) bytes"
        )
        let privateKey = try PrivateKey.generate(.p256)
        for environment in environments {
            progress("inserting \(environment.keys) keys into \(environment.name) (batches of \(Self.insertBatch))")
            let start = clock.now
            try insertCopies(of: template, privateKey: privateKey, into: environment.id, count: environment.keys, store)
            let elapsed = start.duration(to: clock.now)
            emit(
                "# \(environment.name): \(environment.keys) keys inserted in \(seconds(elapsed)) s (\(Int((Double(environment.keys) / (elapsed / .seconds(1))).rounded())) rows/s, not timed)"
            )
        }
        if let pendingRefill {
            // The RSA-7680 pool's refill, stopped, finishes the key it was generating: wait for it
            // so that it does not run beside the timed lists.
            let waited = try waitForWorker(.rsa7680, store, above: pendingRefill, timeout: .seconds(90))
            progress("waited \(seconds(waited)) s for the RSA-7680 refill worker")
        }
        emit(
            "# database: \(megabytes(fileSize(world.databasePath))) MiB + WAL \(megabytes(fileSize(world.databasePath + "-wal"))) MiB"
        )

        let service = KeyService(store: store)
        for environment in environments {
            // Cursors: ids of the environment, each with a full page after it.
            let ids = try allIDs(environment.id, service)
            guard ids.count == environment.keys + 1 else {
                throw BenchCommand.Failure(description: "\(environment.name): \(ids.count) keys listed")
            }
            var random = SplitMix64(seed: 0x6b65_7977_6172_64)
            let cursors = (0..<options.listCalls).map { _ in
                ids[Int.random(in: 0..<(ids.count - Self.pageSize), using: &random)]
            }
            progress("timing \(options.listCalls) lists of \(Self.pageSize) keys in \(environment.name)")
            for cursor in cursors.prefix(Self.warmUpCalls) {
                _ = try service.list(in: environment.id, after: cursor, limit: Self.pageSize)
            }
            var times: [Duration] = []
            times.reserveCapacity(cursors.count)
            for cursor in cursors {
                let start = clock.now
                let (page, count) = try service.list(in: environment.id, after: cursor, limit: Self.pageSize)
                times.append(start.duration(to: clock.now))
                guard page.items.count == Self.pageSize, count == ids.count else {
                    throw BenchCommand.Failure(description: "\(environment.name): a page of \(page.items.count)")
                }
            }
            emit(
                "\(environment.name)  \(latency(times))  \(target("p99", times, Self.listP99Target))  (\(ids.count) keys in the environment)"
            )
            emit(
                "#   the two reads of a list, median of 100 apart: \(try listBreakdown(environment.id, cursors, store))"
            )
        }

        // Memory: this process, after paging once through the large environment as a client
        // would, then a fresh process that opens the same database.
        let start = clock.now
        var pages = 0
        var cursor: UUID?
        repeat {
            let (page, _) = try service.list(in: world.largeEnvironment, after: cursor, limit: Self.pageSize)
            cursor = page.nextCursor
            pages += 1
        } while cursor != nil
        emit(
            "# paged once through list.large: \(pages) pages of \(Self.pageSize) in \(seconds(start.duration(to: clock.now))) s"
        )
        emit(
            "rss.bench  \(Self.memory())  \(Self.memoryTarget())  (this process: everything above, store open, after paging through list.large)"
        )
        try Self.runChild(directory: world.directory)
    }

    /// The two queries `KeyService.list` runs, each in a read transaction of its own: the page
    /// (100 rows after a cursor, decoded) and the environment's key count (a row kept by triggers since migration 3).
    func listBreakdown(_ environmentID: UUID, _ cursors: [UUID], _ store: SQLiteStore) throws -> String {
        var page: [Duration] = []
        var count: [Duration] = []
        for cursor in cursors.prefix(100) {
            var start = clock.now
            _ = try store.read { try $0.keys(environmentID: environmentID, after: cursor, limit: Self.pageSize) }
            page.append(start.duration(to: clock.now))
            start = clock.now
            _ = try store.read { try $0.keyCount(environmentID: environmentID) }
            count.append(start.duration(to: clock.now))
        }
        return
            "page of \(Self.pageSize) \(format(percentile(page, 0.5))) ms, count \(format(percentile(count, 0.5))) ms"
    }

    /// Inserts `count` copies of `template` (fresh ids, not default) into `environmentID`.
    func insertCopies(
        of template: Key,
        privateKey: PrivateKey,
        into environmentID: UUID,
        count: Int,
        _ store: SQLiteStore
    ) throws {
        var remaining = count
        while remaining > 0 {
            let batch = min(remaining, Self.insertBatch)
            try store.write { writer in
                for _ in 0..<batch {
                    var key = template
                    key.id = UUID()
                    key.environmentID = environmentID
                    key.isDefault = false
                    try writer.insert(key, privateKey: privateKey)
                }
            }
            remaining -= batch
        }
    }

    /// Every key id of an environment in listing order (pages of 1,000).
    func allIDs(_ environmentID: UUID, _ service: KeyService) throws -> [UUID] {
        var ids: [UUID] = []
        var cursor: UUID?
        repeat {
            let (page, _) = try service.list(in: environmentID, after: cursor, limit: 1000)
            ids += page.items.map(\.id)
            cursor = page.nextCursor
        } while cursor != nil
        return ids
    }
}
