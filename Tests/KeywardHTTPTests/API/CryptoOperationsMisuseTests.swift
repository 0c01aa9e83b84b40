import Foundation
import KeywardCore
import KeywardCrypto
import KeywardTestSupport
import Testing

@testable import KeywardHTTP

/// Misuse of the cryptographic operations API: every refusal answers 4xx with the PingOne error
/// body naming the field, and changes nothing but, for a refused private-key use, one FAILURE
/// event.
@Suite("Cryptographic operations refuse misuse", .serialized)
struct CryptoOperationsMisuseTests {
    nonisolated(unsafe) static let clock = ManualClock(Date())
    nonisolated(unsafe) static let server = sharedServer(clock: clock)
    nonisolated(unsafe) static let api = sharedClient(server)
    nonisolated(unsafe) static let signing = importOrDie(.p384, "SIGNING")
    nonisolated(unsafe) static let encryption = importOrDie(.rsa2048, "ENCRYPTION")
    static let message = base64(Array("misuse".utf8))

    static func importOrDie(_ spec: KeySpec, _ usage: String) -> ImportedKey {
        do {
            return try api.importKey(spec, usageType: usage, in: server.a, now: clock.now)
        } catch {
            fatalError("cannot import a key: \(error)")
        }
    }

    /// The events of key `id`, newest first.
    static func events(of id: String) throws -> [AuditEvent] {
        try server.services.audit.events(
            AuditQuery(environmentID: server.environmentA.id, earliest: .distantPast, criterion: .resourceID(id))
        ).events
    }

    /// Runs a refused `request` and checks that rows are unchanged and that exactly `failure`
    /// (a FAILURE event of that action on `key`) or nothing was written.
    @discardableResult
    static func refused(
        key: String,
        failure: AuditAction?,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ request: () throws -> RawHTTPResponse
    ) throws -> RawHTTPResponse {
        let before = Set(try events(of: key).map(\.id))
        let response = try server.expectUnchanged(sourceLocation: sourceLocation, request)
        let added = try events(of: key).filter { !before.contains($0.id) }
        #expect(added.count == (failure == nil ? 0 : 1), sourceLocation: sourceLocation)
        if let failure, let event = added.first {
            #expect(event.action == failure, sourceLocation: sourceLocation)
            #expect(event.result.status == .failure, sourceLocation: sourceLocation)
        }
        return response
    }

    func sign(_ key: String, _ extra: [String: Any] = [:], in environment: String? = nil) throws -> RawHTTPResponse {
        var body: [String: Any] = ["key": ["id": key], "plainText": Self.message]
        body.merge(extra) { $1 }
        return try Self.api.operation("signings", in: environment ?? Self.server.a, body)
    }

    @Test func anEncryptionKeyDoesNotSign() throws {
        let response = try Self.refused(key: Self.encryption.id, failure: .keySigned) { try sign(Self.encryption.id) }
        expectError(
            response,
            400,
            "INVALID_DATA",
            detail: "INVALID_VALUE",
            target: "key.id",
            messageContains: "ENCRYPTION"
        )
    }

    @Test func aSigningKeyNeitherDecryptsNorEncrypts() throws {
        let decrypt = try Self.refused(key: Self.signing.id, failure: .keyDecrypted) {
            try Self.api.operation(
                "decryptions",
                in: Self.server.a,
                ["key": ["id": Self.signing.id], "cipherText": base64([UInt8](repeating: 1, count: 256))]
            )
        }
        expectInvalidData(decrypt, "INVALID_VALUE", target: "key.id")
        let encrypt = try Self.refused(key: Self.signing.id, failure: nil) {
            try Self.api.operation(
                "encryptions",
                in: Self.server.a,
                ["key": ["id": Self.signing.id], "plainText": Self.message]
            )
        }
        expectInvalidData(encrypt, "INVALID_VALUE", target: "key.id")
    }

    @Test func anUnknownAlgorithmOrOneOfAnotherCurveIsRefused() throws {
        for algorithm in ["SHA1withRSA", "ES256", "RS256", "none"] {
            let response = try Self.refused(key: Self.signing.id, failure: .keySigned) {
                try sign(Self.signing.id, ["algorithm": algorithm])
            }
            expectInvalidData(response, "INVALID_VALUE", target: "algorithm")
        }
        let verification = try Self.refused(key: Self.signing.id, failure: nil) {
            try Self.api.operation(
                "verifications",
                in: Self.server.a,
                ["key": ["id": Self.signing.id], "algorithm": "ES256", "plainText": Self.message, "signature": "AAAA"]
            )
        }
        expectInvalidData(verification, "INVALID_VALUE", target: "algorithm")
    }

    @Test func badBase64AndMissingMembersNameTheField() throws {
        for text in ["not base64!", "QUJDRA", "QU JD"] {
            let response = try Self.refused(key: Self.signing.id, failure: nil) {
                try sign(Self.signing.id, ["plainText": text])
            }
            expectInvalidData(response, "INVALID_VALUE", target: "plainText")
        }
        let noKey = try Self.api.operation("signings", in: Self.server.a, ["plainText": Self.message])
        expectError(noKey, 400, "INVALID_DATA", detail: "REQUIRED_VALUE", target: "key.id")
        let noInput = try Self.api.operation("signings", in: Self.server.a, ["key": ["id": Self.signing.id]])
        expectError(noInput, 400, "INVALID_DATA", detail: "REQUIRED_VALUE", target: "plainText")
        let noSignature = try Self.api.operation(
            "verifications",
            in: Self.server.a,
            ["key": ["id": Self.signing.id], "plainText": Self.message]
        )
        expectError(noSignature, 400, "INVALID_DATA", detail: "REQUIRED_VALUE", target: "signature")
    }

    @Test func aDigestOfTheWrongLengthIsRefused() throws {
        let response = try Self.refused(key: Self.signing.id, failure: .keySigned) {
            try Self.api.operation(
                "signings",
                in: Self.server.a,
                [
                    "key": ["id": Self.signing.id], "algorithm": "SHA384withECDSA",
                    "digest": base64([UInt8](repeating: 0, count: 32)),
                ]
            )
        }
        expectInvalidData(response, "INVALID_VALUE", target: "digest")
    }

    @Test func oversizeInputIsRefused() throws {
        let big = base64([UInt8](repeating: 0x41, count: OperationLimits.maximumPlaintext + 1))
        let signed = try Self.refused(key: Self.signing.id, failure: .keySigned) {
            try sign(Self.signing.id, ["plainText": big])
        }
        expectInvalidData(signed, "INVALID_VALUE", target: "plainText")
        let encrypted = try Self.refused(key: Self.encryption.id, failure: nil) {
            try Self.api.operation(
                "encryptions",
                in: Self.server.a,
                ["key": ["id": Self.encryption.id], "plainText": big]
            )
        }
        expectInvalidData(encrypted, "INVALID_VALUE", target: "plainText")
    }

    @Test func aCipherTextOfNeitherFormIsRefused() throws {
        for length in [255, 257, 0x0101] {
            var bytes = [UInt8](repeating: 2, count: length)
            bytes[0] = 0x02
            let response = try Self.refused(key: Self.encryption.id, failure: .keyDecrypted) {
                try Self.api.operation(
                    "decryptions",
                    in: Self.server.a,
                    ["key": ["id": Self.encryption.id], "cipherText": base64(bytes)]
                )
            }
            expectInvalidData(response, "INVALID_VALUE", target: "cipherText")
        }
    }

    @Test func aKeyOfAnotherEnvironmentIsNotFound() throws {
        let response = try Self.refused(key: Self.signing.id, failure: nil) {
            try sign(Self.signing.id, in: Self.server.b)
        }
        expectError(response, 404, "NOT_FOUND")
        let otherOrganization = try APIClient(Self.server, other: true)
        let foreign = try otherOrganization.operation(
            "signings",
            in: Self.server.c,
            ["key": ["id": Self.signing.id], "plainText": Self.message]
        )
        expectError(foreign, 404, "NOT_FOUND")
    }

    @Test func aRevokedKeyRefusesEveryUse() throws {
        let key = try Self.api.importKey(.p256, usageType: "SIGNING", in: Self.server.a, now: Self.clock.now)
        try Self.server.store.write { writer in
            guard
                var record = try writer.key(
                    id: UUID(text: key.id) ?? UUID(),
                    environmentID: Self.server.environmentA.id
                )
            else { return }
            record.revokedAt = Self.clock.now.addingTimeInterval(-1)
            try writer.update(record)
        }
        let signed = try Self.refused(key: key.id, failure: .keySigned) { try sign(key.id) }
        expectError(signed, 400, "INVALID_DATA", detail: "INVALID_VALUE", target: "key.id", messageContains: "REVOKED")
        let jws = try Self.refused(key: key.id, failure: .keyJWSSigned) {
            try Self.api.json("POST", "/v1/environments/\(Self.server.a)/keys/\(key.id)/jws", #"{"payload":{}}"#)
        }
        expectInvalidData(jws, "INVALID_VALUE", target: "key.id")
        let verified = try Self.api.operation(
            "verifications",
            in: Self.server.a,
            ["key": ["id": key.id], "plainText": Self.message, "signature": "AAAA"]
        )
        expectInvalidData(verified, "INVALID_VALUE", target: "key.id")
    }

    @Test func anExpiredKeyRefusesPrivateKeyUse() throws {
        let key = try Self.api.importKey(
            .p256,
            usageType: "SIGNING",
            in: Self.server.a,
            now: Self.clock.now,
            lifetime: 120
        )
        Self.clock.advance(by: 600)
        defer { Self.clock.advance(by: -600) }
        let response = try Self.refused(key: key.id, failure: .keySigned) { try sign(key.id) }
        expectError(
            response,
            400,
            "INVALID_DATA",
            detail: "INVALID_VALUE",
            target: "key.id",
            messageContains: "EXPIRED"
        )
    }

    @Test func usingAKeyNeedsTheUsePermissionAndVerifyingOnlyRead() throws {
        let scope = Scope.environment(Self.server.environmentA.id)
        let readOnly = try Self.server.roleClient("reader", roles: [(BuiltInRoles.configurationReadOnlyID, scope)])
        let auditor = try Self.server.roleClient("auditor", roles: [(BuiltInRoles.auditorID, scope)])
        let keyOperator = try Self.server.roleClient(
            "operator",
            roles: [(BuiltInRoles.keyAndCertificateOperatorID, scope)]
        )
        let body: [String: Any] = ["key": ["id": Self.signing.id], "plainText": Self.message]
        for client in [readOnly, auditor] {
            expectError(try client.operation("signings", in: Self.server.a, body), 403, "ACCESS_FAILED")
            let decrypt = try client.operation(
                "decryptions",
                in: Self.server.a,
                ["key": ["id": Self.encryption.id], "cipherText": "AAAA"]
            )
            expectError(decrypt, 403, "ACCESS_FAILED")
            let jws = try client.json(
                "POST",
                "/v1/environments/\(Self.server.a)/keys/\(Self.signing.id)/jws",
                #"{"payload":{}}"#
            )
            expectError(jws, 403, "ACCESS_FAILED")
            let encrypt = try client.operation(
                "encryptions",
                in: Self.server.a,
                ["key": ["id": Self.encryption.id], "plainText": Self.message]
            )
            #expect(encrypt.status == 200, "\(text(encrypt))")
        }
        let signed = try keyOperator.operation("signings", in: Self.server.a, body)
        #expect(signed.status == 200, "\(text(signed))")
        let verified = try readOnly.operation(
            "verifications",
            in: Self.server.a,
            body.merging(["signature": (try object(signed))["signature"] ?? ""]) { $1 }
        )
        #expect(try object(verified)["valid"] as? Bool == true)
        #expect(BuiltInRoles.organizationAdmin.permissions.contains(.useKey))
        #expect(BuiltInRoles.environmentAdmin.permissions.contains(.useKey))
        #expect(BuiltInRoles.keyAndCertificateOperator.permissions.contains(.useKey))
        #expect(!BuiltInRoles.configurationReadOnly.permissions.contains(.useKey))
        #expect(!BuiltInRoles.auditor.permissions.contains(.useKey))
    }

    @Test func aPrivateKeyUseIsAuditedWithoutItsInput() throws {
        let secret = Array("the input must never reach the audit log".utf8)
        let before = Set(try Self.events(of: Self.signing.id).map(\.id))
        let response = try sign(Self.signing.id, ["plainText": base64(secret)])
        #expect(response.status == 200, "\(text(response))")
        let event = try #require(try Self.events(of: Self.signing.id).first { !before.contains($0.id) })
        #expect(event.action == .keySigned)
        #expect(event.result.status == .success)
        #expect(event.actor?.clientID.uuidString.lowercased() == Self.server.clientID)
        #expect(event.resource?.type == "KEY")
        let hex = try DigestAlgorithm.sha256.hash(secret).map { String(format: "%02x", $0) }.joined()
        #expect(event.result.description.contains(hex))
        #expect(event.result.description.contains("SHA256withECDSA"))
        #expect(!event.result.description.contains(base64(secret)))
        #expect(!event.result.description.contains("the input must never"))
    }
}
