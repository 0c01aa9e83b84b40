import Foundation
import KeywardCore
import KeywardCrypto
import Testing

@Suite("Applications and access tokens")
struct TokenServiceTests {
    /// A world with one application in environment A, secrets hashed cheaply.
    struct Setup {
        let world: TestWorld
        let applications: ApplicationService
        let tokens: TokenService
        let application: Application
        let secret: String

        init() throws {
            world = try TestWorld()
            applications = ApplicationService(store: world.store, clock: world.clock, hashIterations: 1000)
            tokens = TokenService(
                store: world.store,
                clock: world.clock,
                settings: TokenSettings(issuerBase: "https://keyward.test/"),
                applications: applications
            )
            (application, secret) = try applications.create(name: "admin", in: world.environmentA.id)
        }

        /// A token for the application, issued in environment A.
        func token() throws -> String {
            try tokens.issue(clientID: application.id.uuidString, secret: secret, in: world.environmentA.id).accessToken
        }
    }

    @Test func theSecretIsStoredOnlyAsASaltedHash() throws {
        let setup = try Setup()
        #expect(!setup.application.secretHash.contains(setup.secret))
        #expect(setup.application.secretHash.hasPrefix("pbkdf2-sha256$1000$"))
        let stored = try setup.world.store.read {
            try $0.application(id: setup.application.id, environmentID: setup.world.environmentA.id)
        }
        #expect(stored == setup.application)
    }

    @Test func anIssuedTokenAuthenticatesAsItsApplication() throws {
        let setup = try Setup()
        let issued = try setup.tokens.issue(
            clientID: setup.application.id.uuidString,
            secret: setup.secret,
            in: setup.world.environmentA.id
        )
        #expect(issued.expiresIn == 3600)
        let principal = try setup.tokens.authenticate(bearer: issued.accessToken)
        #expect(principal.clientID == setup.application.id)
        #expect(principal.environmentID == setup.world.environmentA.id)
        #expect(principal.organizationID == setup.world.organization.id)
    }

    @Test func theTokenIsSignedByTheDefaultSigningKeyAndCarriesPingOnesClaims() throws {
        let setup = try Setup()
        let token = try setup.token()
        let jws = try CompactJWS(parsing: token)
        let claims = try JSONSerialization.jsonObject(with: Data(jws.payloadJSON)) as? [String: Any]
        let environment = setup.world.environmentA.id.uuidString.lowercased()
        #expect(claims?["iss"] as? String == "https://keyward.test/\(environment)/as")
        #expect(claims?["aud"] as? [String] == ["https://keyward.test"])
        #expect(claims?["env"] as? String == environment)
        #expect(claims?["client_id"] as? String == setup.application.id.uuidString.lowercased())
        let keys = try setup.tokens.signingKeys(in: setup.world.environmentA.id)
        #expect(keys.count == 1)
        let key = try #require(keys.first)
        #expect(jws.isValid(with: try key.publicKey(), algorithm: .rs256))
    }

    @Test func wrongSecretsUnknownClientsAndOtherEnvironmentsAreRefusedAlike() throws {
        let setup = try Setup()
        let id = setup.application.id.uuidString
        let refusals: [(String, String, UUID)] = [
            (id, setup.secret + "x", setup.world.environmentA.id),
            (UUID().uuidString, setup.secret, setup.world.environmentA.id),
            ("not-a-uuid", setup.secret, setup.world.environmentA.id),
            (id, setup.secret, setup.world.environmentB.id),
            (id, "", setup.world.environmentA.id),
        ]
        for (clientID, secret, environment) in refusals {
            #expect(
                throws: CoreError.unauthenticated(
                    reason: "the client id or secret is wrong, or the client is disabled"
                )
            ) {
                try setup.tokens.issue(clientID: clientID, secret: secret, in: environment)
            }
        }
    }

    @Test func aTokenStopsWorkingWhenItExpires() throws {
        let setup = try Setup()
        let token = try setup.token()
        _ = try setup.tokens.authenticate(bearer: token)
        setup.world.clock.advance(by: 3600 + 61)
        #expect(throws: CoreError.unauthenticated(reason: "the access token has expired")) {
            try setup.tokens.authenticate(bearer: token)
        }
    }

    @Test func tamperedAndForeignTokensAreRefused() throws {
        let setup = try Setup()
        let token = try setup.token()
        var parts = token.split(separator: ".").map(String.init)
        let flipped = parts[2].first == "A" ? "B" : "A"
        parts[2] = flipped + parts[2].dropFirst()
        #expect(throws: CoreError.self) { try setup.tokens.authenticate(bearer: parts.joined(separator: ".")) }
        #expect(throws: CoreError.self) { try setup.tokens.authenticate(bearer: "not.a.token") }
        #expect(throws: CoreError.self) { try setup.tokens.authenticate(bearer: "") }
        let otherServer = TokenService(
            store: setup.world.store,
            clock: setup.world.clock,
            settings: TokenSettings(issuerBase: "https://elsewhere.test"),
            applications: setup.applications
        )
        #expect(throws: CoreError.unauthenticated(reason: "the access token was not issued by this server")) {
            try otherServer.authenticate(bearer: token)
        }
    }

    @Test func theTokenSigningKeyCannotBeDeletedOrDemotedButItsSuccessorCanTakeOver() throws {
        let setup = try Setup()
        let environment = setup.world.environmentA.id
        let signing = try #require(
            try setup.world.store.read { try $0.defaultKey(environmentID: environment, usageType: .signing) }
        )
        #expect(throws: CoreError.self) { try setup.world.keys.delete(signing.id, in: environment) }
        #expect(throws: CoreError.self) { try setup.world.keys.update(signing.id, in: environment, isDefault: false) }
        #expect(throws: CoreError.self) {
            try setup.world.keys.update(signing.id, in: environment, usageType: "ENCRYPTION")
        }
        let p224 = TestWorld.keyRequest(keyLength: 224, signatureAlgorithm: "SHA256withECDSA", isDefault: true)
        #expect(throws: CoreError.self) { try setup.world.keys.create(p224, in: environment) }
        // Another environment without applications has no such constraint.
        let other = try #require(
            try setup.world.store.read {
                try $0.defaultKey(environmentID: setup.world.environmentB.id, usageType: .signing)
            }
        )
        try setup.world.keys.delete(other.id, in: setup.world.environmentB.id)
    }

    @Test func deletingTheSigningKeyRevokesItsTokensOnceTheCacheExpires() throws {
        let setup = try Setup()
        let token = try setup.token()
        _ = try setup.tokens.authenticate(bearer: token)
        let signing = try #require(
            try setup.world.store.read {
                try $0.defaultKey(environmentID: setup.world.environmentA.id, usageType: .signing)
            }
        )
        #expect(throws: CoreError.self) { try setup.world.keys.delete(signing.id, in: setup.world.environmentA.id) }
        var request = TestWorld.keyRequest(isDefault: true)
        request.name = "next token signer"
        _ = try setup.world.keys.create(request, in: setup.world.environmentA.id)
        try setup.world.keys.delete(signing.id, in: setup.world.environmentA.id)
        setup.world.clock.advance(by: TimeInterval(TokenService.cacheSeconds + 1))
        #expect(throws: CoreError.self) { try setup.tokens.authenticate(bearer: token) }
    }
}
