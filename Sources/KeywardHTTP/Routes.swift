/// Every route Keyward serves, in one place: the API's table of contents.
///
/// Each resource lives in `Resources/<Name>Resource.swift`; add its routes here.
public enum Routes {
    /// The router for the whole API.
    public static func makeRouter() -> Router {
        var router = Router()
        router.add(.get, "/health", handler: HealthResource.get)
        return router
    }
}
