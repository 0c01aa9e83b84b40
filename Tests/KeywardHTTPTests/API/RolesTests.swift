import Foundation
import KeywardCore
import Testing

@testable import KeywardHTTP

/// `GET /roles` in PingOne's shape, and what the operator and auditor roles may do.
@Suite("Roles and what they allow", .serialized)
struct RolesTests {
    nonisolated(unsafe) static let server = sharedServer()
    nonisolated(unsafe) static let admin = sharedClient(server)

    @Test func builtInRoleIdsAreTheDocumentedConstants() {
        let ids = BuiltInRoles.all.map { $0.id.uuidString.lowercased() }
        #expect(
            ids == [
                "ddd1bc4e-495c-44d8-be7e-5faae3f2fe6a", "29ddce68-cd7f-4b2a-b6fc-f7a19553b496",
                "c3a8db10-2447-40d6-b284-9c51e776fc62", "dc17e9cb-66d1-4497-ae5b-07f3d15c35a8",
                "0243d516-6c6d-488b-91c6-7200c35fe1b5",
            ]
        )
    }

    @Test func roleListServesPingOnesRolesWithoutTypeAndKeywardsAsCustom() throws {
        let list = try Self.admin.getObject("/v1/roles")
        let roles = (list["_embedded"] as? [String: Any])?["roles"] as? [[String: Any]] ?? []
        #expect(roles.count == 5)
        let byName = Dictionary(uniqueKeysWithValues: roles.map { ($0["name"] as? String ?? "", $0) })
        for name in ["Organization Admin", "Environment Admin", "Configuration Read Only"] {
            #expect(byName[name]?["type"] == nil, "\(name)")
            #expect((byName[name]?["permissions"] as? [[String: Any]])?.isEmpty == false, "\(name)")
        }
        for name in ["Key and Certificate Operator", "Auditor"] {
            #expect(byName[name]?["type"] as? String == "CUSTOM", "\(name)")
            #expect((byName[name]?["canBeAssignedBy"] as? [[String: Any]])?.count == 2, "\(name)")
        }
        #expect(byName["Organization Admin"]?["applicableTo"] as? [String] == ["ORGANIZATION"])
        #expect(byName["Environment Admin"]?["applicableTo"] as? [String] == ["ORGANIZATION", "ENVIRONMENT"])
        let permission = (byName["Environment Admin"]?["permissions"] as? [[String: Any]])?.first {
            $0["id"] as? String == "certmgt:read:key"
        }
        #expect(permission?["classifier"] as? String == "key")
        #expect((permission?["description"] as? String)?.isEmpty == false)
    }

    @Test func oneRoleIsReadByIdAndAnUnknownOneIsNotFound() throws {
        let role = try Self.admin.getObject("/v1/roles/29ddce68-cd7f-4b2a-b6fc-f7a19553b496")
        #expect(role["name"] as? String == "Environment Admin")
        expectError(try Self.admin.call("GET", "/v1/roles/\(UUID().uuidString.lowercased())"), 404, "NOT_FOUND")
    }

    @Test func operatorCreatesAndExportsKeysButCannotDeleteThem() throws {
        let scope = Scope.environment(Self.server.environmentA.id)
        let operatorClient = try Self.server.roleClient(
            "operator",
            roles: [(BuiltInRoles.keyAndCertificateOperatorID, scope)]
        )
        let keys = "/v1/environments/\(Self.server.a)/keys"
        let created = try operatorClient.json("POST", keys, try jsonText(KeysCreateTests.valid))
        #expect(created.status == 201, "\(text(created))")
        let key = try object(created)["id"] as? String ?? ""
        let pem = try operatorClient.call("GET", "\(keys)/\(key)", headers: [("Accept", "application/x-x509-ca-cert")])
        #expect(pem.status == 200)
        #expect(text(pem).hasPrefix("-----BEGIN CERTIFICATE-----"))
        #expect(try operatorClient.call("GET", "\(keys)/\(key)/csr").status == 200)
        expectError(
            try operatorClient.call("DELETE", "\(keys)/\(key)"),
            403,
            "ACCESS_FAILED",
            detail: "INSUFFICIENT_PERMISSIONS"
        )
        expectError(try operatorClient.call("GET", "/v1/environments/\(Self.server.b)/keys"), 403, "ACCESS_FAILED")
        #expect(try Self.admin.call("GET", "\(keys)/\(key)").status == 200)
    }

    @Test func auditorReadsButWritesNothing() throws {
        let scope = Scope.organization(Self.server.organization.id)
        let auditor = try Self.server.roleClient("auditor", roles: [(BuiltInRoles.auditorID, scope)])
        let keys = "/v1/environments/\(Self.server.b)/keys"
        #expect(try auditor.call("GET", keys).status == 200)
        #expect(try auditor.call("GET", "/v1/environments").status == 200)
        #expect(try auditor.call("GET", "/v1/environments/\(Self.server.a)/applications").status == 200)
        try Self.server.expectUnchanged {
            expectError(try auditor.json("POST", keys, try jsonText(KeysCreateTests.valid)), 403, "ACCESS_FAILED")
            expectError(try auditor.json("POST", "/v1/environments", #"{"name":"Nope"}"#), 403, "ACCESS_FAILED")
            let key = try object(try Self.admin.call("GET", keys))
            let first =
                ((key["_embedded"] as? [String: Any])?["keys"] as? [[String: Any]])?.first?["id"] as? String ?? ""
            expectError(try auditor.call("DELETE", "\(keys)/\(first)"), 403, "ACCESS_FAILED")
            expectError(
                try auditor.call("GET", "\(keys)/\(first)", headers: [("Accept", "application/pkix-cert")]),
                403,
                "ACCESS_FAILED"
            )
        }
    }

    @Test func environmentScopedRoleSeesOnlyItsEnvironmentInTheList() throws {
        let scope = Scope.environment(Self.server.environmentB.id)
        let client = try Self.server.roleClient("reader of B", roles: [(BuiltInRoles.configurationReadOnlyID, scope)])
        let list = try client.getObject("/v1/environments")
        let items = (list["_embedded"] as? [String: Any])?["environments"] as? [[String: Any]] ?? []
        #expect(items.map { $0["id"] as? String } == [Self.server.b])
    }
}
