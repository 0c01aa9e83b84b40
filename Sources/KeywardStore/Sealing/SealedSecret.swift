import KeywardCore
import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A short secret (a subscription's signing secret) as it is stored: the envelope of
/// `SealedPrivateKey`, under labels of its own.
struct SealedSecret: Hashable, Sendable {
    /// `AESGCM.seal(dataKey, key: master, associatedData: recordID ‖ "keyward.secret-data-key.v1")`.
    var wrappedDataKey: [UInt8]
    /// `AESGCM.seal(secret, key: dataKey, associatedData: recordID ‖ "keyward.secret.v1")`.
    var sealedSecret: [UInt8]
}

extension KeySealer {
    static let secretLabel = Array("keyward.secret.v1".utf8)
    static let secretDataKeyLabel = Array("keyward.secret-data-key.v1".utf8)

    /// Seals `secret` for the record `recordID` under a fresh data key wrapped by the master key.
    func seal(secret: [UInt8], recordID: UUID) throws(CryptoError) -> SealedSecret {
        let (wrappedDataKey, sealed) = try sealEnvelope(
            secret,
            recordID: recordID,
            label: Self.secretLabel,
            dataKeyLabel: Self.secretDataKeyLabel
        )
        return SealedSecret(wrappedDataKey: wrappedDataKey, sealedSecret: sealed)
    }

    /// Opens the secret sealed for `recordID`; a wrong master key, or bytes moved from another
    /// record or altered, throw `StoreError.sealBroken(recordID:)`.
    func open(_ sealed: SealedSecret, recordID: UUID) throws -> [UInt8] {
        try openEnvelope(
            wrappedDataKey: sealed.wrappedDataKey,
            sealed: sealed.sealedSecret,
            recordID: recordID,
            label: Self.secretLabel,
            dataKeyLabel: Self.secretDataKeyLabel
        )
    }
}
