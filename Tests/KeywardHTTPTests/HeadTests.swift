import KeywardHTTP
import Testing

@Suite struct HeadTests {
    @Test func headIsServedByTheGetHandlerWithoutABody() {
        let client = TestClient()
        let get = client.execute(.get, "/health")
        let head = client.execute(.head, "/health")
        #expect(head.status == .ok)
        #expect(head.body.isEmpty)
        #expect(head.headers["Content-Type"] == get.headers["Content-Type"])
        #expect(head.headers["X-Request-Id"] != nil)
    }

    @Test func headOfAnUnknownPathIs404WithoutABody() {
        let head = TestClient().execute(.head, "/nothing")
        #expect(head.status == .notFound)
        #expect(head.body.isEmpty)
    }

    @Test func explicitHeadRouteWinsOverGet() {
        var router = Router()
        router.add(.get, "/thing") { _, _ in HTTPResponse(status: .ok, body: [1, 2, 3]) }
        router.add(.head, "/thing") { _, _ in HTTPResponse(status: .noContent) }
        #expect(TestClient(router: router).execute(.head, "/thing").status == .noContent)
    }

    @Test func headOverTheWireSendsTheGetLengthAndNoBodyOnAKeptAliveConnection() throws {
        let configuration = HTTPServerConfiguration(port: 0, threadCount: 2, logger: Logger(level: .error))
        let server = try HTTPServer(configuration: configuration, router: Routes.makeRouter())
        let client = try RawHTTPClient(port: server.port)
        let get = try client.request("GET", "/health")
        let head = try client.request("HEAD", "/health")
        #expect(head.status == 200)
        #expect(head.headers["Content-Length"] == String(get.body.count))
        #expect(head.headers["Content-Type"] == "application/json")
        // Had the server sent body bytes, they would now be read as the next status line.
        #expect(try client.request("GET", "/health").status == 200)
    }
}
