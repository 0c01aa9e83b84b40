import Foundation
import KeywardCore
import KeywardCrypto
import Testing

/// A private-key use whose event cannot be written returns nothing: sign, decrypt and JWS
/// throw instead of answering.
@Suite struct CryptoOperationFailClosedTests {
    @Test func noSignatureDecryptionOrJWSWithoutItsEvent() throws {
        let world = try TestWorld()
        let refusing = WrappingStore(world.store) { RefusingAuditWriter(base: $0) }
        let key = try world.keys.create(TestWorld.keyRequest(), in: world.environmentA.id)
        let operations = CryptoOperationService(store: refusing, clock: world.clock)
        #expect(throws: CoreError.storeFailure("the audit log refused the event")) {
            try operations.sign(keyID: key.id, in: world.environmentA.id, algorithm: nil, input: .message([1, 2, 3]))
        }
        #expect(throws: CoreError.storeFailure("the audit log refused the event")) {
            try operations.signJWS(keyID: key.id, in: world.environmentA.id, payloadJSON: Array("{}".utf8))
        }
        let working = CryptoOperationService(store: world.store, clock: world.clock)
        let encryptionKey = try world.keys.create(
            TestWorld.keyRequest(
                algorithm: "RSA",
                keyLength: 2048,
                signatureAlgorithm: "SHA256withRSA",
                usageType: "ENCRYPTION"
            ),
            in: world.environmentA.id
        )
        let sealed = try working.encrypt(
            .key(encryptionKey.id),
            in: world.environmentA.id,
            algorithm: nil,
            plaintext: [4, 5, 6]
        )
        #expect(throws: CoreError.storeFailure("the audit log refused the event")) {
            try operations.decrypt(
                keyID: encryptionKey.id,
                in: world.environmentA.id,
                algorithm: nil,
                cipherText: sealed.cipherText
            )
        }
        let opened = try working.decrypt(
            keyID: encryptionKey.id,
            in: world.environmentA.id,
            algorithm: nil,
            cipherText: sealed.cipherText
        )
        #expect(opened.plainText == [4, 5, 6])
        #expect(
            try working.sign(keyID: key.id, in: world.environmentA.id, algorithm: nil, input: .message([1])).signature
                .isEmpty == false
        )
    }
}
