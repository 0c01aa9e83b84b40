import KeywardCore

/// A store writer that writes everything but audit events: the benchmark's "without events"
/// baseline. Never used outside `keyward bench`.
struct DroppingAuditWriter: ForwardingStoreWriter {
    let base: any StoreWriter

    func insert(_ event: AuditEvent) throws {}
}
