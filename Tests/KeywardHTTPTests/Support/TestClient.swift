import KeywardHTTP

/// Drives a `Router` in-process, as the server would, so resource tests need no socket.
struct TestClient {
    let router: Router

    init(router: Router = Routes.makeRouter()) {
        self.router = router
    }

    /// Sends `method` to `target` (a path with an optional `?query`, split on `&` and `=`,
    /// not percent-decoded) and returns the router's response.
    func execute(
        _ method: HTTPMethod,
        _ target: String,
        headers: HTTPHeaders = [:],
        body: [UInt8] = []
    ) -> HTTPResponse {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let query = parts.count > 1 ? parts[1] : ""
        let queryItems = query.split(separator: "&").map { item in
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return QueryItem(name: String(pair[0]), value: pair.count > 1 ? String(pair[1]) : "")
        }
        let request = HTTPRequest(
            method: method,
            path: String(parts[0]),
            queryItems: queryItems,
            headers: headers,
            body: body
        )
        return router.respond(to: request)
    }
}
