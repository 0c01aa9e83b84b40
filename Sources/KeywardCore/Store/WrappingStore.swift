/// A store whose write transactions hand their body `wrap(writer)` instead of the writer; reads
/// pass through. See `ForwardingStoreWriter`.
public struct WrappingStore: Store {
    let base: any Store
    let wrap: @Sendable (any StoreWriter) -> any StoreWriter

    public init(_ base: any Store, wrap: @escaping @Sendable (any StoreWriter) -> any StoreWriter) {
        self.base = base
        self.wrap = wrap
    }

    public func read<T>(_ body: (any StoreReader) throws -> T) throws -> T { try base.read(body) }

    public func write<T>(_ body: (any StoreWriter) throws -> T) throws -> T {
        try base.write { try body(wrap($0)) }
    }

    public var changeCount: UInt64? { base.changeCount }

    public func writeAuditEvents<T>(durability: WriteDurability, _ body: (any StoreWriter) throws -> T) throws -> T {
        try base.writeAuditEvents(durability: durability) { try body(wrap($0)) }
    }
}
