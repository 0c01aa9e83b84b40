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

    @Test func theTokenIsSignedByTheDefaultPolicysCurrentKeyAndCarriesPingOnesClaims() throws {
        let setup = try Setup()
        let token = try setup.token()
        let jws = try CompactJWS(parsing: token)
        let claims = try JSONSerialization.jsonObject(with: Data(jws.payloadJSON)) as? [String: Any]
        let environment = setup.world.environmentA.id.uuidString.lowercased()
        #expect(claims?["iss"] as? String == "https://keyward.test/\(environment)/as")
        #expect(claims?["aud"] as? [String] == ["https://keyward.test"])
        #expect(claims?["env"] as? String == environment)
        #expect(claims?["client_id"] as? String == setup.application.id.uuidString.lowercased())
        // The JWKS publishes the default policy's current and next keys; the current one signed.
        let policy = try #require(try setup.tokens.rotationPolicies.list(in: setup.world.environmentA.id).first)
        let keys = try setup.tokens.signingKeys(in: setup.world.environmentA.id)
        #expect(keys.map(\.kid) == [policy.currentKeyID, policy.nextKeyID].map { $0?.lowercaseString })
        let header = try JSONSerialization.jsonObject(with: Data(jws.headerJSON)) as? [String: Any]
        #expect(header?["kid"] as? String == policy.currentKeyID?.lowercaseString)
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

    @Test func theDefaultSigningKeyNoLongerSignsTokensAndMayBeDeleted() throws {
        let setup = try Setup()
        let environment = setup.world.environmentA.id
        let token = try setup.token()
        let signing = try setup.world.defaultKey(in: setup.world.environmentA)
        try setup.world.keys.delete(signing.id, in: environment)
        setup.world.clock.advance(by: TimeInterval(TokenService.cacheSeconds + 1))
        #expect(try setup.tokens.authenticate(bearer: token).clientID == setup.application.id)
        #expect(try setup.token().isEmpty == false)
    }

    @Test func aPolicysKeysCannotBeDeletedDemotedOrMadeDefaultThroughTheKeysAPI() throws {
        let setup = try Setup()
        let environment = setup.world.environmentA.id
        let policy = try #require(try setup.tokens.rotationPolicies.list(in: environment).first)
        for id in policy.keyIDs {
            #expect(throws: CoreError.self) { try setup.world.keys.delete(id, in: environment) }
            #expect(throws: CoreError.self) { try setup.world.keys.update(id, in: environment, isDefault: true) }
            #expect(throws: CoreError.self) {
                try setup.world.keys.update(id, in: environment, usageType: "ENCRYPTION")
            }
        }
        #expect(try setup.tokens.rotationPolicies.list(in: environment).first == policy)
    }

    @Test func aTokenSignedByAnOrdinarySigningKeyOfTheEnvironmentIsRefused() throws {
        let setup = try Setup()
        let environment = setup.world.environmentA.id
        let token = try setup.token()
        let parts = token.split(separator: ".").map(String.init)
        // The same claims, signed by the environment's default SIGNING key (which anyone allowed to
        // use keys could sign with): not a rotation policy's key, so not a token.
        let signing = try setup.world.defaultKey(in: setup.world.environmentA)
        let privateKey = try #require(try setup.world.store.read { try $0.privateKey(recordID: signing.id) })
        let forged = try CompactJWS.sign(
            headerJSON: Array(#"{"alg":"RS256","kid":"\#(signing.id.lowercaseString)","typ":"JWT"}"#.utf8),
            payloadJSON: Base64URL.decode(parts[1]) ?? [],
            with: privateKey,
            algorithm: .rs256
        )
        #expect(throws: CoreError.self) { try setup.tokens.authenticate(bearer: forged) }
        #expect(try setup.tokens.authenticate(bearer: token).environmentID == environment)
    }
}
