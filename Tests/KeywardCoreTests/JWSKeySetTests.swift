import Foundation
import KeywardCore
import KeywardCrypto
import Testing

/// `/{env}/jws/jwks`: the environment's valid SIGNING and ISSUANCE keys with a JWS algorithm,
/// never a rotation policy's; cached, but a change or the passing minute shows at once.
@Suite struct JWSKeySetTests {
    @Test func theSetFollowsEveryChangeAndExpiryThoughItIsCached() throws {
        let world = try TestWorld()
        let environment = world.environmentA.id
        let defaultKey = try world.defaultKey(in: world.environmentA)
        let first = try world.keys.jwsVerificationKeys(in: environment).map(\.kid)
        #expect(first == [defaultKey.id.lowercaseString])
        #expect(try world.keys.jwsVerificationKeys(in: environment).map(\.kid) == first)
        // A new key is there at the next call, a deleted one gone.
        let shortLived = try world.keys.create(TestWorld.keyRequest(validityPeriod: 1), in: environment)
        let encryption = try world.keys.create(
            TestWorld.keyRequest(
                algorithm: "RSA",
                keyLength: 2048,
                signatureAlgorithm: "SHA256withRSA",
                usageType: "ENCRYPTION"
            ),
            in: environment
        )
        let p224 = try world.keys.create(
            TestWorld.keyRequest(keyLength: 224, signatureAlgorithm: "SHA256withECDSA"),
            in: environment
        )
        let second = Set(try world.keys.jwsVerificationKeys(in: environment).map(\.kid))
        #expect(second == Set([defaultKey.id, shortLived.id].map(\.lowercaseString)))
        #expect(!second.contains(encryption.id.lowercaseString) && !second.contains(p224.id.lowercaseString))
        try world.keys.delete(defaultKey.id, in: environment)
        #expect(try world.keys.jwsVerificationKeys(in: environment).map(\.kid) == [shortLived.id.lowercaseString])
        // No change in the store, but the key expires: gone once the clock has moved on.
        world.clock.advance(by: 2 * 86400)
        #expect(try world.keys.jwsVerificationKeys(in: environment).isEmpty)
        #expect(throws: CoreError.self) { try world.keys.jwsVerificationKeys(in: UUID()) }
    }
}
