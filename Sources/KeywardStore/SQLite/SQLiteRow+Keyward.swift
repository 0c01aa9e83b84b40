import KeywardCore
import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension SQLiteRow {
    /// A serial number stored as its big-endian magnitude.
    mutating func serialNumber() throws(StoreError) -> SerialNumber {
        let bytes = try blob()
        do {
            return try SerialNumber(bytes: bytes)
        } catch {
            throw .corruptRecord("serial_number is not a positive integer of at most 20 bytes")
        }
    }

    /// The PEM blocks of a trust chain (see `SQLiteValue.pemBundle`).
    mutating func pemBundle() throws(StoreError) -> [String] {
        PEMBundle.split(try text())
    }

    /// The `wrapped_data_key, sealed_private_key` pair, in that order.
    mutating func sealedPrivateKey() throws(StoreError) -> SealedPrivateKey {
        SealedPrivateKey(wrappedDataKey: try blob(), sealedKey: try blob())
    }
}
