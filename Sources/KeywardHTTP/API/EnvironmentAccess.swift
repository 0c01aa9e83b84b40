import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A request's verified caller and the environment of its path (already checked to be of the
/// caller's organization), for handlers that decide the permission after reading the request.
struct EnvironmentAccess {
    let principal: Principal
    let environmentID: UUID
    let services: APIServices

    /// Passes when the caller's roles grant `permission` on this environment; 403 otherwise.
    func require(_ permission: Permission) throws {
        try services.roleAssignments.authorize(principal, permission, at: .environment(environmentID))
    }
}
