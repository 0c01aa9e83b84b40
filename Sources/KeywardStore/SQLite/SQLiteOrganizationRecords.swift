import KeywardCore
import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Rows of `organizations`, each with its CA's sealed private key.
extension SQLiteTransaction {
    static let organizations = SQLiteTable(
        name: "organizations",
        columns: ["id", "name", "description", "type", "created_at", "updated_at", "certificate_der"],
        fixed: ["created_at"],
        keyColumns: ["id"],
        sealed: true
    )

    func organization(id: UUID) throws -> Organization? {
        try reading().queryFirst(Self.organizations.select + " WHERE id = ?", [.uuid(id)], Self.decodeOrganization)
    }

    /// Every organization, oldest first.
    func organizations() throws -> [Organization] {
        try reading().query(Self.organizations.select + " ORDER BY created_at, id", [], Self.decodeOrganization)
    }

    func insert(_ organization: Organization, privateKey: PrivateKey) throws {
        let connection = try writing()
        let sealed = try sealer.seal(privateKey, recordID: organization.id)
        try connection.run(
            Self.organizations.insert,
            Self.values(organization) + [.blob(sealed.wrappedDataKey), .blob(sealed.sealedKey)]
        )
    }

    /// Changes every field but `id` and `createdAt`; the sealed private key stays as it is.
    func update(_ organization: Organization) throws {
        try changeOne(
            Self.organizations.update,
            Self.organizations.updateBindings(Self.values(organization)),
            missing: "no organization with this id"
        )
    }

    private static func values(_ organization: Organization) -> [SQLiteValue] {
        [
            .uuid(organization.id), .text(organization.name), .text(organization.description),
            .text(organization.type), .date(organization.createdAt), .date(organization.updatedAt),
            .blob(organization.certificateDER),
        ]
    }

    private static func decodeOrganization(_ row: inout SQLiteRow) throws(StoreError) -> Organization {
        Organization(
            id: try row.uuid(),
            name: try row.text(),
            description: row.optionalText(),
            type: try row.text(),
            createdAt: try row.date(),
            updatedAt: try row.date(),
            certificateDER: try row.blob()
        )
    }
}
