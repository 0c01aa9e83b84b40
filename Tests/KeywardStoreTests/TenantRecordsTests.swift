import Foundation
import KeywardCore
import KeywardCrypto
import Testing

@testable import KeywardStore

/// The installation root, organizations and environments through `SQLiteStore`.
@Suite struct TenantRecordsTests {
    @Test func theInstallationRootRoundTripsAndItsPrivateKeyOpens() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let rootKey = try PrivateKey.generate(.p384)
        let root = InstallationRoot(certificateDER: Sample.certificateDER("root"), createdAt: Sample.created)
        #expect(try store.read { try $0.installationRoot() } == nil)
        #expect(try store.read { try $0.privateKey(recordID: InstallationRoot.recordID) } == nil)

        try store.write { try $0.setInstallationRoot(root, privateKey: rootKey) }

        #expect(try store.read { try $0.installationRoot() } == root)
        let opened = try store.read { try $0.privateKey(recordID: InstallationRoot.recordID) }
        #expect(try opened?.pkcs8DER() == rootKey.pkcs8DER())
    }

    @Test func aSecondInstallationRootIsRefusedAndTheFirstStays() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let first = InstallationRoot(certificateDER: Sample.certificateDER("first"), createdAt: Sample.created)
        try store.write { try $0.setInstallationRoot(first, privateKey: Sample.sharedKey) }
        let second = InstallationRoot(certificateDER: Sample.certificateDER("second"), createdAt: Sample.updated)
        #expect {
            try store.write { try $0.setInstallationRoot(second, privateKey: Sample.sharedKey) }
        } throws: { error in
            guard case StoreError.constraintViolation = error else { return false }
            return true
        }
        #expect(try store.read { try $0.installationRoot() } == first)
    }

    @Test func anOrganizationRoundTripsEveryFieldAndItsPrivateKey() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let organizationKey = try PrivateKey.generate(.rsa2048)
        let organization = Sample.organization()
        try store.write { try $0.insert(organization, privateKey: organizationKey) }

        #expect(try store.read { try $0.organization(id: organization.id) } == organization)
        let opened = try store.read { try $0.privateKey(recordID: organization.id) }
        #expect(try opened?.pkcs8DER() == organizationKey.pkcs8DER())
        #expect(try store.read { try $0.organization(id: UUID()) } == nil)
    }

    @Test func anOrganizationWithoutDescriptionReadsBackNil() throws {
        let database = try TestDatabase()
        let store = try database.open()
        var organization = Sample.organization()
        organization.description = nil
        try store.write { try $0.insert(organization, privateKey: Sample.sharedKey) }
        #expect(try store.read { try $0.organization(id: organization.id) }?.description == nil)
    }

    @Test func updatingAnOrganizationChangesEverythingButIdentityAndCreation() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let organization = Sample.organization()
        try store.write { try $0.insert(organization, privateKey: Sample.sharedKey) }
        var changed = organization
        changed.name = "Renamed Corp"
        changed.description = nil
        changed.type = "PAID"
        changed.updatedAt = Sample.updated.addingTimeInterval(10)
        changed.certificateDER = Sample.certificateDER("renewed")
        changed.createdAt = Sample.updated

        try store.write { try $0.update(changed) }

        var expected = changed
        expected.createdAt = organization.createdAt
        #expect(try store.read { try $0.organization(id: organization.id) } == expected)
    }

    @Test func organizationNamesAreUnique() throws {
        let database = try TestDatabase()
        let store = try database.open()
        try store.write { try $0.insert(Sample.organization(name: "Same"), privateKey: Sample.sharedKey) }
        #expect {
            try store.write { try $0.insert(Sample.organization(name: "Same"), privateKey: Sample.sharedKey) }
        } throws: { error in
            error as? StoreError == .constraintViolation("UNIQUE constraint failed: organizations.name")
        }
    }

    @Test func organizationsAndEnvironmentsAreListedOldestFirst() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let older = Sample.organization(created: Sample.created)
        let newer = Sample.organization(created: Sample.updated)
        let environments = [
            Sample.environment(in: older, name: "B first", created: Sample.created),
            Sample.environment(in: older, name: "A second", created: Sample.updated),
        ]
        try store.write { writer in
            try writer.insert(newer, privateKey: Sample.sharedKey)
            try writer.insert(older, privateKey: Sample.sharedKey)
            for environment in environments.reversed() { try writer.insert(environment) }
            try writer.insert(Sample.environment(in: newer))
        }
        #expect(try store.read { try $0.organizations() } == [older, newer])
        #expect(try store.read { try $0.environments(organizationID: older.id) } == environments)
    }

    @Test func anEnvironmentRoundTripsEveryFieldAndNilOptionals() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let organization = Sample.organization()
        let full = Sample.environment(in: organization, name: "Full")
        let bare = Environment(
            id: UUID(),
            organizationID: organization.id,
            name: "Bare",
            createdAt: Sample.created,
            updatedAt: Sample.created
        )
        try store.write { writer in
            try writer.insert(organization, privateKey: Sample.sharedKey)
            try writer.insert(full)
            try writer.insert(bare)
        }
        #expect(try store.read { try $0.environment(id: full.id) } == full)
        #expect(try store.read { try $0.environment(id: bare.id) } == bare)
        #expect(try store.read { try $0.environment(id: UUID()) } == nil)
    }

    @Test func updatingAnEnvironmentChangesEverythingButIdentityOwnerAndCreation() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let (_, environment) = try Sample.tenant(in: store)
        var changed = environment
        changed.name = "Staging"
        changed.description = nil
        changed.region = "NA"
        changed.type = "SANDBOX"
        changed.licenseID = nil
        changed.billOfMaterialsJSON = "{}"
        changed.updatedAt = Sample.updated.addingTimeInterval(1)
        changed.organizationID = UUID()
        changed.createdAt = Sample.updated

        try store.write { try $0.update(changed) }

        var expected = changed
        expected.organizationID = environment.organizationID
        expected.createdAt = environment.createdAt
        #expect(try store.read { try $0.environment(id: environment.id) } == expected)
    }

    @Test func anEnvironmentNameIsUniqueWithinItsOrganizationOnly() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let (organization, _) = try Sample.tenant(in: store, environmentName: "Production")
        let (_, _) = try Sample.tenant(in: store, environmentName: "Production")
        #expect {
            try store.write { try $0.insert(Sample.environment(in: organization, name: "Production")) }
        } throws: { error in
            guard case StoreError.constraintViolation = error else { return false }
            return true
        }
    }

    @Test func anEnvironmentOfAnUnknownOrganizationIsAConstraintViolation() throws {
        let database = try TestDatabase()
        let store = try database.open()
        #expect(throws: StoreError.constraintViolation("FOREIGN KEY constraint failed")) {
            try store.write { try $0.insert(Sample.environment(in: Sample.organization())) }
        }
    }

    @Test func updatingARecordThatIsNotThereIsAConstraintViolation() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let organization = Sample.organization()
        #expect(throws: StoreError.constraintViolation("no organization with this id")) {
            try store.write { try $0.update(organization) }
        }
        #expect(throws: StoreError.constraintViolation("no environment with this id")) {
            try store.write { try $0.update(Sample.environment(in: organization)) }
        }
        #expect(throws: StoreError.constraintViolation("no environment with this id")) {
            try store.write { try $0.deleteEnvironment(id: UUID()) }
        }
    }
}
