import Foundation
import KeywardCore
import Testing

@testable import KeywardHTTP

/// Granting and removing roles: PingOne's shape and errors, scopes, and anti-escalation (an
/// application never grants a role it does not hold, nor at a broader scope than it holds it).
@Suite("Application role assignments", .serialized)
struct RoleAssignmentTests {
    nonisolated(unsafe) static let server = sharedServer()
    nonisolated(unsafe) static let admin = sharedClient(server)

    static func id(_ uuid: UUID) -> String { uuid.uuidString.lowercased() }

    static func grantBody(_ role: UUID, _ type: String, _ scope: String) -> String {
        #"{"role":{"id":"\#(id(role))"},"scope":{"id":"\#(scope)","type":"\#(type)"}}"#
    }

    /// A new application of environment A (no roles) and its roleAssignments path.
    static func target(_ name: String) throws -> (id: String, path: String) {
        let (app, _) = try server.application(name)
        return (app, "/v1/environments/\(server.a)/applications/\(app)/roleAssignments")
    }

    @Test func grantedRoleIsListedReadAndDeletedInPingOnesShape() throws {
        let (app, path) = try Self.target("granted")
        let created = try Self.admin.json(
            "POST",
            path,
            Self.grantBody(BuiltInRoles.auditorID, "ENVIRONMENT", Self.server.b)
        )
        #expect(created.status == 201, "\(text(created))")
        let body = try object(created)
        let assignmentID = body["id"] as? String ?? ""
        #expect((body["role"] as? [String: Any])?["id"] as? String == Self.id(BuiltInRoles.auditorID))
        #expect((body["scope"] as? [String: Any])?["type"] as? String == "ENVIRONMENT")
        #expect((body["scope"] as? [String: Any])?["id"] as? String == Self.server.b)
        #expect((body["environment"] as? [String: Any])?["id"] as? String == Self.server.a)
        #expect((body["application"] as? [String: Any])?["id"] as? String == app)
        #expect(body["readOnly"] as? Bool == false)
        #expect(created.headers["Location"]?.hasSuffix("/roleAssignments/\(assignmentID)") == true)
        let list = try Self.admin.getObject(path)
        let items = (list["_embedded"] as? [String: Any])?["roleAssignments"] as? [[String: Any]] ?? []
        #expect(items.map { $0["id"] as? String } == [assignmentID])
        #expect(try Self.admin.call("GET", "\(path)/\(assignmentID)").status == 200)
        #expect(try Self.admin.call("DELETE", "\(path)/\(assignmentID)").status == 204)
        expectError(try Self.admin.call("GET", "\(path)/\(assignmentID)"), 404, "NOT_FOUND")
    }

    @Test func duplicateRoleIsRefusedAlsoWhenOrganizationAndEnvironmentOverlap() throws {
        let (_, path) = try Self.target("duplicate")
        let organization = Self.id(Self.server.organization.id)
        let environmentAdmin = BuiltInRoles.environmentAdminID
        #expect(
            try Self.admin.json("POST", path, Self.grantBody(environmentAdmin, "ENVIRONMENT", Self.server.a)).status
                == 201
        )
        for body in [
            Self.grantBody(environmentAdmin, "ENVIRONMENT", Self.server.a),
            Self.grantBody(environmentAdmin, "ORGANIZATION", organization),
        ] {
            let response = try Self.admin.json("POST", path, body)
            let error = expectInvalidData(response, "UNIQUENESS_VIOLATION", target: "role")
            #expect(error?.details?.first?.message == "May not assign duplicate Role")
        }
        #expect(
            try Self.admin.json("POST", path, Self.grantBody(environmentAdmin, "ENVIRONMENT", Self.server.b)).status
                == 201
        )
    }

    @Test func roleNotApplicableToTheScopeTypeIsRefusedOnScope() throws {
        let (_, path) = try Self.target("scope")
        let response = try Self.admin.json(
            "POST",
            path,
            Self.grantBody(BuiltInRoles.organizationAdminID, "ENVIRONMENT", Self.server.a)
        )
        expectInvalidData(response, "INVALID_VALUE", target: "scope")
        expectInvalidData(
            try Self.admin.json("POST", path, Self.grantBody(BuiltInRoles.auditorID, "POPULATION", Self.server.a)),
            "INVALID_VALUE",
            target: "scope"
        )
    }

    @Test func unknownRoleAndMissingMembersAreRefused() throws {
        let (_, path) = try Self.target("unknown role")
        expectInvalidData(
            try Self.admin.json("POST", path, Self.grantBody(UUID(), "ENVIRONMENT", Self.server.a)),
            "INVALID_VALUE",
            target: "role.id"
        )
        expectInvalidData(try Self.admin.json("POST", path, "{}"), "REQUIRED_VALUE", target: "role.id")
    }

    @Test func scopeOutsideTheCallersOrganizationIsNotFound() throws {
        let (_, path) = try Self.target("elsewhere")
        let otherOrganization = Self.id(Self.server.otherOrganization.id)
        for body in [
            Self.grantBody(BuiltInRoles.auditorID, "ENVIRONMENT", Self.server.c),
            Self.grantBody(BuiltInRoles.auditorID, "ORGANIZATION", otherOrganization),
            Self.grantBody(BuiltInRoles.auditorID, "ENVIRONMENT", Self.id(UUID())),
        ] {
            expectError(try Self.admin.json("POST", path, body), 404, "NOT_FOUND")
        }
    }

    @Test func environmentAdminOfACannotGrantOrganizationAdminNorAnyRoleOnB() throws {
        let environmentAdmin = try Self.server.roleClient(
            "env admin A",
            roles: [(BuiltInRoles.environmentAdminID, .environment(Self.server.environmentA.id))]
        )
        let (_, path) = try Self.target("escalation target")
        let organization = Self.id(Self.server.organization.id)
        for body in [
            Self.grantBody(BuiltInRoles.organizationAdminID, "ORGANIZATION", organization),
            Self.grantBody(BuiltInRoles.environmentAdminID, "ORGANIZATION", organization),
            Self.grantBody(BuiltInRoles.environmentAdminID, "ENVIRONMENT", Self.server.b),
            Self.grantBody(BuiltInRoles.auditorID, "ENVIRONMENT", Self.server.b),
            Self.grantBody(BuiltInRoles.auditorID, "ORGANIZATION", organization),
        ] {
            let response = try environmentAdmin.json("POST", path, body)
            expectError(
                response,
                403,
                "ACCESS_FAILED",
                detail: "INSUFFICIENT_PERMISSIONS",
                messageContains: "Must have role at the same or broader scope"
            )
        }
        #expect(try Self.admin.getObject(path)["count"] as? Int == 0)
        for role in [BuiltInRoles.environmentAdminID, BuiltInRoles.auditorID, BuiltInRoles.keyAndCertificateOperatorID]
        {
            let response = try environmentAdmin.json("POST", path, Self.grantBody(role, "ENVIRONMENT", Self.server.a))
            #expect(response.status == 201, "\(text(response))")
        }
    }

    @Test func applicationCannotReachBeyondItsRolesThroughAnotherApplication() throws {
        let environmentAdmin = try Self.server.roleClient(
            "env admin A 2",
            roles: [(BuiltInRoles.environmentAdminID, .environment(Self.server.environmentA.id))]
        )
        let (strong, _) = try Self.server.application(
            "org admin 2",
            roles: [(BuiltInRoles.organizationAdminID, .organization(Self.server.organization.id))]
        )
        let base = "/v1/environments/\(Self.server.a)/applications/\(strong)"
        let assignments = try Self.admin.getObject("\(base)/roleAssignments")
        let items = (assignments["_embedded"] as? [String: Any])?["roleAssignments"] as? [[String: Any]] ?? []
        let assignmentID = items.first?["id"] as? String ?? ""
        let asSeen = try environmentAdmin.getObject("\(base)/roleAssignments/\(assignmentID)")
        #expect(asSeen["readOnly"] as? Bool == true)
        for (method, path) in [
            ("DELETE", "\(base)/roleAssignments/\(assignmentID)"), ("POST", "\(base)/secret"),
            ("GET", "\(base)/secret"),
            ("DELETE", base),
        ] {
            let response = try environmentAdmin.call(method, path)
            expectError(response, 403, "ACCESS_FAILED", messageContains: "Must have role at the same or broader scope")
        }
    }

    @Test func creatingAnEnvironmentGrantsTheCreatorEnvironmentAdminOnIt() throws {
        let created = try object(try Self.admin.json("POST", "/v1/environments", #"{"name":"Auto grant"}"#))
        let environment = created["id"] as? String ?? ""
        let path = "/v1/environments/\(Self.server.a)/applications/\(Self.server.clientID)/roleAssignments"
        let list = try Self.admin.getObject(path)
        let items = (list["_embedded"] as? [String: Any])?["roleAssignments"] as? [[String: Any]] ?? []
        let granted = items.filter { ($0["scope"] as? [String: Any])?["id"] as? String == environment }
        #expect(granted.count == 1)
        #expect(
            (granted.first?["role"] as? [String: Any])?["id"] as? String == Self.id(BuiltInRoles.environmentAdminID)
        )
        #expect(granted.first?["readOnly"] as? Bool == true, "the caller's own assignment is read-only to it")
    }
}
