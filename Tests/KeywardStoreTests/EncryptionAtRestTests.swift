import Foundation
import KeywardCore
import KeywardCrypto
import Testing

@testable import KeywardStore

/// The database file alone never reveals a private key, and a sealed key is bound to its row.
@Suite struct EncryptionAtRestTests {
    private static func isSealBroken(_ recordID: UUID) -> @Sendable (any Error) -> Bool {
        { ($0 as? StoreError) == .sealBroken(recordID: recordID) }
    }

    @Test func theDatabaseFileHoldsNoPrivateKeyInAnyForm() throws {
        let database = try TestDatabase()
        let rootKey = try PrivateKey.generate(.p256)
        let organizationKey = try PrivateKey.generate(.rsa2048)
        let specs: [KeySpec] = [.rsa2048, .rsa2048, .p256, .p256, .p256, .p384, .p521]
        let keyPairs = try specs.map { try PrivateKey.generate($0) }
        let organization = Sample.organization()
        let environment = Sample.environment(in: organization)
        var certificates: [[UInt8]] = []
        try database.withStore { store in
            try store.write { writer in
                try writer.setInstallationRoot(
                    InstallationRoot(certificateDER: Sample.certificateDER("root"), createdAt: Sample.created),
                    privateKey: rootKey
                )
                try writer.insert(organization, privateKey: organizationKey)
                try writer.insert(environment)
                for (spec, pair) in zip(specs, keyPairs) {
                    let key = try Sample.key(in: environment, spec: spec)
                    certificates.append(key.certificateDER)
                    try writer.insert(key, privateKey: pair)
                }
            }
        }

        let bytes = try database.fileBytes()
        for certificate in certificates { expectPresent(certificate, in: bytes, "a certificate (the control)") }
        for (index, key) in ([rootKey, organizationKey] + keyPairs).enumerated() {
            let forms = try PrivateKeyForms(key, scratch: database.directory)
            expectAbsent(forms.pkcs8DER, in: bytes, "the PKCS#8 DER of key \(index)")
            for line in forms.pemLines { expectAbsent(Array(line.utf8), in: bytes, "a PEM line of key \(index)") }
            for (name, number) in forms.secretNumbers {
                expectAbsent(number, in: bytes, "\(name) of key \(index) (\(key.spec))")
            }
        }
    }

    @Test func aSealedKeyCopiedToAnotherRowDoesNotOpen() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let (organization, environment) = try Sample.tenant(in: store)
        let keyA = try Sample.key(in: environment)
        let keyB = try Sample.key(in: environment)
        let privateA = try PrivateKey.generate(.p256)
        try store.write { writer in
            try writer.insert(keyA, privateKey: privateA)
            try writer.insert(keyB, privateKey: try PrivateKey.generate(.p256))
        }
        let a = keyA.id.uuidString.lowercased()
        let copyFromA =
            "(SELECT wrapped_data_key FROM keys WHERE id = '\(a)'), "
            + "sealed_private_key = (SELECT sealed_private_key FROM keys WHERE id = '\(a)')"
        try database.rawExecute(
            """
            UPDATE keys SET wrapped_data_key = \(copyFromA) WHERE id = '\(keyB.id.uuidString.lowercased())';
            UPDATE organizations SET wrapped_data_key = \(copyFromA) WHERE id = '\(organization.id.uuidString.lowercased())';
            """
        )

        #expect(
            performing: { try store.read { try $0.privateKey(recordID: keyB.id) } },
            throws: Self.isSealBroken(keyB.id)
        )
        #expect(
            performing: { try store.read { try $0.privateKey(recordID: organization.id) } },
            throws: Self.isSealBroken(organization.id)
        )
        #expect(try store.read { try $0.privateKey(recordID: keyA.id) }?.pkcs8DER() == privateA.pkcs8DER())
    }

    @Test func anAlteredSealedKeyDoesNotOpen() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let (_, environment) = try Sample.tenant(in: store)
        let key = try Sample.key(in: environment)
        try store.write { try $0.insert(key, privateKey: Sample.sharedKey) }
        var sealed = try #require(try sealedColumns(database, "keys", key.id).last)
        sealed[20] ^= 0x01
        try database.rawConnection().run(
            "UPDATE keys SET sealed_private_key = ? WHERE id = ?",
            [.blob(sealed), .uuid(key.id)]
        )
        #expect(
            performing: { try store.read { try $0.privateKey(recordID: key.id) } },
            throws: Self.isSealBroken(key.id)
        )
    }

    @Test func aWrongMasterKeyBreaksTheSealAndNothingElse() throws {
        let database = try TestDatabase()
        let (organization, environment) = try database.withStore { try Sample.tenant(in: $0) }
        let key = try Sample.key(in: environment)
        try database.withStore { store in try store.write { try $0.insert(key, privateKey: Sample.sharedKey) } }

        try database.withStore(masterKey: try MasterKey.random()) { store throws in
            #expect(try store.read { try $0.key(id: key.id, environmentID: environment.id) } == key)
            #expect(
                performing: { try store.read { try $0.privateKey(recordID: key.id) } },
                throws: Self.isSealBroken(key.id)
            )
            #expect(
                performing: { try store.read { try $0.privateKey(recordID: organization.id) } },
                throws: Self.isSealBroken(organization.id)
            )
        }
    }

    /// The sealed bytes of `recordID` in `table`, read with raw SQL.
    private func sealedColumns(_ database: TestDatabase, _ table: String, _ recordID: UUID) throws -> [[UInt8]] {
        let rows = try database.rawConnection().query(
            "SELECT wrapped_data_key, sealed_private_key FROM \(table) WHERE id = ?",
            [.uuid(recordID)]
        ) { row throws(StoreError) in [try row.blob(), try row.blob()] }
        return rows.first ?? []
    }

    @Test func aDeletedKeysSealedBytesAreZeroedInTheFile() throws {
        let database = try TestDatabase()
        let (_, environment) = try database.withStore { try Sample.tenant(in: $0) }
        let doomed = try Sample.key(in: environment, spec: .rsa2048)
        let kept = try Sample.key(in: environment)
        try database.withStore { store in
            try store.write { writer in
                try writer.insert(doomed, privateKey: try PrivateKey.generate(.rsa2048))
                try writer.insert(kept, privateKey: Sample.sharedKey)
            }
        }
        let sealed = try sealedColumns(database, "keys", doomed.id)
        #expect(sealed.count == 2)
        let before = try database.fileBytes()
        for column in sealed { expectPresent(column, in: before, "the sealed bytes before deletion (the control)") }

        try database.withStore { store in
            try store.write { try $0.deleteKey(id: doomed.id, environmentID: environment.id) }
        }

        let after = try database.fileBytes()
        for column in sealed { expectAbsent(column, in: after, "a sealed column of the deleted key") }
        expectPresent(kept.certificateDER, in: after, "the kept key's certificate")
    }

    @Test func aDeletedEnvironmentsSealedKeysAreZeroedInTheFile() throws {
        let database = try TestDatabase()
        let (_, environment) = try database.withStore { try Sample.tenant(in: $0) }
        let keys = try (0..<5).map { _ in try Sample.key(in: environment) }
        try database.withStore { store in
            try store.write { writer in
                for key in keys { try writer.insert(key, privateKey: try PrivateKey.generate(.p256)) }
            }
        }
        let sealed = try keys.flatMap { try sealedColumns(database, "keys", $0.id) }
        #expect(sealed.count == 10)

        try database.withStore { store in try store.write { try $0.deleteEnvironment(id: environment.id) } }

        let after = try database.fileBytes()
        for column in sealed { expectAbsent(column, in: after, "a sealed column of the deleted environment's keys") }
    }
}
