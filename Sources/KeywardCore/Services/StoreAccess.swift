import KeywardCrypto

/// Runs store and crypto work and turns every failure into a `CoreError`, the one error type
/// KeywardCore's use cases throw.
enum StoreAccess {
    static func read<T>(_ store: any Store, _ body: (any StoreReader) throws -> T) throws(CoreError) -> T {
        try translate { try store.read(body) }
    }

    static func write<T>(
        _ store: any Store,
        durability: WriteDurability = .full,
        _ body: (any StoreWriter) throws -> T
    ) throws(CoreError) -> T {
        try translate { try store.write(durability: durability, body) }
    }

    static func translate<T>(_ body: () throws -> T) throws(CoreError) -> T {
        do {
            return try body()
        } catch let error as CoreError {
            throw error
        } catch let error as StoreError {
            switch error {
            case .constraintViolation(let detail): throw .conflict(reason: detail)
            case .sealBroken(let recordID): throw .storeFailure("sealed private key \(recordID) does not open")
            case .unavailable(let detail), .corruptRecord(let detail): throw .storeFailure(detail)
            }
        } catch let error as CryptoError {
            throw .cryptoFailure(String(describing: error))
        } catch {
            throw .storeFailure(String(describing: error))
        }
    }
}
