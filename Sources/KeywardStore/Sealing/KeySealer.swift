import KeywardCore
import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A private key as it is stored: sealed under a data key that is itself wrapped by the master key.
struct SealedPrivateKey: Hashable, Sendable {
    /// `AESGCM.seal(dataKey, key: master, associatedData: recordID ‖ "keyward.data-key.v1")`.
    var wrappedDataKey: [UInt8]
    /// `AESGCM.seal(pkcs8DER, key: dataKey, associatedData: recordID ‖ "keyward.private-key.v1")`.
    var sealedKey: [UInt8]
}

/// Envelope encryption of private keys at rest.
///
/// Each record gets a fresh random 32-byte data key. The PKCS#8 DER is sealed with AES-256-GCM
/// under that data key, and the data key under the master key. Both seals bind the record id
/// (its 16 bytes) plus a purpose label as associated data, so a sealed key moved to another
/// row, or a wrapped data key swapped in for a sealed key, does not open. The master key only
/// ever encrypts 32-byte random data keys, which keeps it far from GCM's per-key limits.
struct KeySealer: Sendable {
    static let privateKeyLabel = Array("keyward.private-key.v1".utf8)
    static let dataKeyLabel = Array("keyward.data-key.v1".utf8)

    let masterKey: MasterKey

    /// Seals `privateKey` for the record `recordID`.
    func seal(_ privateKey: PrivateKey, recordID: UUID) throws(CryptoError) -> SealedPrivateKey {
        var der = try privateKey.pkcs8DER()
        defer { Wipe.bytes(&der) }
        let (wrappedDataKey, sealedKey) = try sealEnvelope(
            der,
            recordID: recordID,
            label: Self.privateKeyLabel,
            dataKeyLabel: Self.dataKeyLabel
        )
        return SealedPrivateKey(wrappedDataKey: wrappedDataKey, sealedKey: sealedKey)
    }

    /// Opens the sealed key of `recordID`; a wrong master key, or bytes moved from another record
    /// or altered, throw `StoreError.sealBroken(recordID:)`.
    func open(_ sealed: SealedPrivateKey, recordID: UUID) throws -> PrivateKey {
        var der = try openEnvelope(
            wrappedDataKey: sealed.wrappedDataKey,
            sealed: sealed.sealedKey,
            recordID: recordID,
            label: Self.privateKeyLabel,
            dataKeyLabel: Self.dataKeyLabel
        )
        defer { Wipe.bytes(&der) }
        do {
            return try PrivateKey(parsing: der)
        } catch {
            // Authenticated bytes that do not parse: written wrong, not tampered with.
            throw StoreError.corruptRecord("the sealed private key of \(Self.text(recordID)) does not parse")
        }
    }

    /// The envelope every sealed record uses: `plaintext` sealed under a fresh data key, the data
    /// key sealed under the master key, each bound to the record id and its purpose label.
    func sealEnvelope(_ plaintext: [UInt8], recordID: UUID, label: [UInt8], dataKeyLabel: [UInt8])
        throws(CryptoError) -> (wrappedDataKey: [UInt8], sealed: [UInt8])
    {
        var dataKey = try SecureRandom.bytes(count: AESGCM.keyLength)
        defer { Wipe.bytes(&dataKey) }
        let sealed = try AESGCM.seal(plaintext, key: dataKey, associatedData: Self.associatedData(recordID, label))
        let wrappedDataKey = try AESGCM.seal(
            dataKey,
            key: masterKey.bytes,
            associatedData: Self.associatedData(recordID, dataKeyLabel)
        )
        return (wrappedDataKey, sealed)
    }

    /// Opens an envelope of `sealEnvelope`; failed authentication is `StoreError.sealBroken`.
    func openEnvelope(
        wrappedDataKey: [UInt8],
        sealed: [UInt8],
        recordID: UUID,
        label: [UInt8],
        dataKeyLabel: [UInt8]
    ) throws -> [UInt8] {
        do {
            var dataKey = try AESGCM.open(
                wrappedDataKey,
                key: masterKey.bytes,
                associatedData: Self.associatedData(recordID, dataKeyLabel)
            )
            defer { Wipe.bytes(&dataKey) }
            return try AESGCM.open(sealed, key: dataKey, associatedData: Self.associatedData(recordID, label))
        } catch CryptoError.authenticationFailed {
            throw StoreError.sealBroken(recordID: recordID)
        }
    }

    private static func associatedData(_ recordID: UUID, _ label: [UInt8]) -> [UInt8] {
        withUnsafeBytes(of: recordID.uuid) { Array($0) } + label
    }

    private static func text(_ recordID: UUID) -> String { recordID.lowercaseString }
}
