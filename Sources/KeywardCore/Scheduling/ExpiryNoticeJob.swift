#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Writes `KEY.EXPIRING` / `KEY.EXPIRED` and `CERTIFICATE.EXPIRING` / `CERTIFICATE.EXPIRED`
/// once per record, when its status enters those states, so that subscribers hear about a
/// certificate before it breaks something. A record found already expired (the scheduler was
/// off for its whole EXPIRING window) gets only EXPIRED. Revoked records get neither.
public struct ExpiryNoticeJob: ScheduledJob {
    let store: any Store
    let clock: any Clock
    /// Records handled per transaction.
    let batchSize: Int

    public init(store: any Store, clock: any Clock = SystemClock(), batchSize: Int = 500) {
        self.store = store
        self.clock = clock
        self.batchSize = batchSize
    }

    public var name: String { "expiry-notices" }

    public func run() throws(CoreError) -> String? {
        var written = 0
        for _ in 0..<1000 {
            let now = clock.nowToTheMillisecond
            let count = try StoreAccess.write(store) { writer in
                var count = 0
                for candidate in try writer.expiryCandidates(at: now, limit: batchSize) {
                    let status = candidate.status(at: now)
                    guard status == .expiring || status == .expired else { continue }
                    try Self.record(candidate, status, at: now, in: writer)
                    count += 1
                }
                return count
            }
            written += count
            if count == 0 { break }
        }
        return written == 0 ? nil : "expiry notices: \(written) written"
    }

    private static func record(
        _ candidate: ExpiryCandidate,
        _ status: KeyStatus,
        at now: Date,
        in writer: any StoreWriter
    )
        throws
    {
        let expired = status == .expired
        switch candidate {
        case .key(let key):
            try AuditLog.record(
                expired ? .keyExpired : .keyExpiring,
                key: key,
                expired
                    ? "Key \(key.name) expired at \(key.expiresAt.formatted(.iso8601))"
                    : "Key \(key.name) expires at \(key.expiresAt.formatted(.iso8601))",
                at: now,
                in: writer
            )
        case .certificate(let certificate):
            try AuditLog.record(
                expired ? .certificateExpired : .certificateExpiring,
                certificate: certificate,
                expired
                    ? "Certificate \(certificate.name) expired at \(certificate.expiresAt.formatted(.iso8601))"
                    : "Certificate \(certificate.name) expires at \(certificate.expiresAt.formatted(.iso8601))",
                at: now,
                in: writer
            )
        }
        try writer.recordExpiryNotice(recordID: candidate.id, status: status, at: now)
    }
}
