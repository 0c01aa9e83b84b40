import KeywardCore
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Remembers which organization each environment belongs to, which never changes, so the
/// tenant check of a request costs no store read after the first.
///
/// A deleted environment is forgotten on this node; on another node a stale entry only lets a
/// request reach the service, where the environment is then not found.
final class EnvironmentDirectory: Sendable {
    private let organizations = Mutex<[UUID: UUID]>([:])

    /// The organization of environment `id`, or `nil` when there is no such environment.
    func organization(ofEnvironment id: UUID, services: APIServices) throws -> UUID? {
        if let known = organizations.withLock({ $0[id] }) { return known }
        let environment: Environment
        do {
            environment = try services.environments.get(id)
        } catch {
            if case .notFound = error { return nil }
            throw error
        }
        organizations.withLock { $0[id] = environment.organizationID }
        return environment.organizationID
    }

    /// Forgets environment `id` (after it was deleted).
    func forget(_ id: UUID) {
        _ = organizations.withLock { $0.removeValue(forKey: id) }
    }
}
