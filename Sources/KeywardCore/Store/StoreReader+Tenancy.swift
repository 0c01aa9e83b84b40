#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StoreReader {
    /// The environment `id`, or `notFound`: every environment-scoped use case starts here.
    func requireEnvironment(_ id: UUID) throws -> Environment {
        guard let environment = try environment(id: id) else {
            throw CoreError.notFound(resource: "Environment", id: id.lowercaseString)
        }
        return environment
    }

    /// The application `id` of `environmentID`, or `notFound`.
    func requireApplication(_ id: UUID, in environmentID: UUID) throws -> Application {
        guard let application = try application(id: id, environmentID: environmentID) else {
            throw CoreError.notFound(resource: "Application", id: id.lowercaseString)
        }
        return application
    }

    /// Checks a page size and reads one page with the total count, for list use cases.
    func page<Item>(
        in environmentID: UUID,
        limit: Int,
        _ read: (Int) throws -> Page<Item>,
        count: () throws -> Int
    ) throws -> (page: Page<Item>, count: Int) {
        guard ListLimits.range.contains(limit) else {
            throw CoreError.invalidValue(
                field: "limit",
                reason: "must be between \(ListLimits.range.lowerBound) and \(ListLimits.range.upperBound)"
            )
        }
        _ = try requireEnvironment(environmentID)
        return (try read(limit), try count())
    }
}

/// Page sizes a list accepts.
public enum ListLimits {
    public static let range = 1...1000
}
