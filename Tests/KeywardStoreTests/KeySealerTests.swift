import Foundation
import KeywardCore
import KeywardCrypto
import Testing

@testable import KeywardStore

@Suite struct KeySealerTests {
    private let sealer: KeySealer
    private let key: PrivateKey

    init() throws {
        sealer = KeySealer(masterKey: try MasterKey.random())
        key = try PrivateKey.generate(.p256)
    }

    @Test func aSealedKeyOpensForItsRecord() throws {
        let recordID = UUID()
        let sealed = try sealer.seal(key, recordID: recordID)
        #expect(try sealer.open(sealed, recordID: recordID).pkcs8DER() == key.pkcs8DER())
    }

    @Test func aSealedKeyDoesNotOpenForAnotherRecord() throws {
        let sealed = try sealer.seal(key, recordID: UUID())
        let other = UUID()
        #expect(throws: StoreError.sealBroken(recordID: other)) { try sealer.open(sealed, recordID: other) }
    }

    @Test func theSealedKeyHoldsNeitherTheDERNorTheDataKeyInTheClear() throws {
        let sealed = try sealer.seal(key, recordID: UUID())
        let der = try key.pkcs8DER()
        #expect(sealed.sealedKey.count == 12 + der.count + 16)
        #expect(sealed.wrappedDataKey.count == 12 + 32 + 16)
        #expect(Data(sealed.sealedKey).range(of: Data(der.suffix(32))) == nil)
    }

    @Test func everySealUsesAFreshDataKeyAndNonce() throws {
        let recordID = UUID()
        let first = try sealer.seal(key, recordID: recordID)
        let second = try sealer.seal(key, recordID: recordID)
        #expect(first.wrappedDataKey != second.wrappedDataKey)
        #expect(first.sealedKey != second.sealedKey)
    }

    @Test func swappedOrMixedHalvesDoNotOpen() throws {
        let recordID = UUID()
        let first = try sealer.seal(key, recordID: recordID)
        let second = try sealer.seal(key, recordID: recordID)
        let mixed = SealedPrivateKey(wrappedDataKey: first.wrappedDataKey, sealedKey: second.sealedKey)
        let swapped = SealedPrivateKey(wrappedDataKey: first.sealedKey, sealedKey: first.wrappedDataKey)
        #expect(throws: StoreError.sealBroken(recordID: recordID)) { try sealer.open(mixed, recordID: recordID) }
        #expect(throws: StoreError.sealBroken(recordID: recordID)) { try sealer.open(swapped, recordID: recordID) }
    }

    @Test func anotherMasterKeyDoesNotOpenTheSeal() throws {
        let recordID = UUID()
        let sealed = try sealer.seal(key, recordID: recordID)
        let stranger = KeySealer(masterKey: try MasterKey.random())
        #expect(throws: StoreError.sealBroken(recordID: recordID)) { try stranger.open(sealed, recordID: recordID) }
    }
}
