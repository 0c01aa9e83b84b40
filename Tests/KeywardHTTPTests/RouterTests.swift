import KeywardHTTP
import Synchronization
import Testing

@Suite struct RouterTests {
    /// A router with a few routes that echo what they matched.
    private func makeRouter(log: @escaping Router.UnexpectedErrorLog = { _, _ in }) -> Router {
        var router = Router(logUnexpectedError: log)
        router.add(.get, "/keys/{keyID}") { _, context in
            HTTPResponse(status: .ok, body: Array("param \(context.pathParameters["keyID"] ?? "")".utf8))
        }
        router.add(.get, "/keys/export") { _, _ in
            HTTPResponse(status: .ok, body: Array("literal".utf8))
        }
        router.add(.delete, "/keys/{keyID}") { _, _ in HTTPResponse(status: .noContent) }
        router.add(.get, "/broken") { _, _ in throw BrokenHandler() }
        return router
    }

    private struct BrokenHandler: Error {}

    @Test func unknownPathIsNotFoundWithPingOneErrorBody() throws {
        let response = TestClient().execute(.get, "/no/such/thing")
        #expect(response.status == .notFound)
        #expect(response.headers["content-type"] == "application/json")
        let body = try decodeJSON(ErrorBody.self, from: response.body)
        #expect(body.code == "NOT_FOUND")
        #expect(body.message == "The requested resource was not found.")
        #expect(body.id == response.headers["X-Request-Id"])
        #expect(body.details == nil)
    }

    @Test func knownPathWithAnotherMethodIsMethodNotAllowedAndListsAllowedMethods() throws {
        let response = TestClient(router: makeRouter()).execute(.post, "/keys/abc")
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers["Allow"] == "GET, HEAD, DELETE")
        let body = try decodeJSON(ErrorBody.self, from: response.body)
        #expect(body.code == "INVALID_REQUEST")
        #expect(body.id == response.headers["X-Request-Id"])
    }

    @Test func healthWithAnotherMethodIsMethodNotAllowedWithAllowGetAndHead() {
        let response = TestClient().execute(.delete, "/health")
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers["Allow"] == "GET, HEAD")
    }

    @Test func pathParameterIsPassedToTheHandler() {
        let response = TestClient(router: makeRouter()).execute(.get, "/keys/4f1c")
        #expect(response.body == Array("param 4f1c".utf8))
    }

    @Test func literalSegmentWinsOverParameterWhateverTheOrderOfRoutes() {
        let response = TestClient(router: makeRouter()).execute(.get, "/keys/export")
        #expect(response.body == Array("literal".utf8))
    }

    @Test(arguments: ["/keys", "/keys/", "/keys/a/b", "//keys/a"])
    func pathWithOtherSegmentsIsNotFound(_ path: String) {
        #expect(TestClient(router: makeRouter()).execute(.get, path).status == .notFound)
    }

    @Test func everyResponseCarriesTheRequestIdOfItsRequest() {
        let router = makeRouter()
        for path in ["/keys/1", "/nothing", "/broken"] {
            let request = HTTPRequest(method: .get, path: path, requestID: "fixed-id")
            #expect(router.respond(to: request).headers["X-Request-Id"] == "fixed-id")
        }
    }

    @Test func unmappedHandlerErrorIsUnexpectedErrorAndIsLoggedWithTheRequestId() throws {
        let logged = Mutex<[String]>([])
        let router = makeRouter { error, request in
            logged.withLock { $0.append("\(request.requestID) \(error)") }
        }
        let response = router.respond(to: HTTPRequest(method: .get, path: "/broken", requestID: "r-500"))
        #expect(response.status == .internalServerError)
        let body = try decodeJSON(ErrorBody.self, from: response.body)
        #expect(body == ErrorBody(id: "r-500", code: "UNEXPECTED_ERROR", message: "Unexpected error"))
        #expect(logged.withLock { $0 } == ["r-500 BrokenHandler()"])
    }

    @Test func clientErrorsAreNotLoggedAsUnexpected() {
        let logged = Mutex(0)
        let router = makeRouter { _, _ in logged.withLock { $0 += 1 } }
        _ = router.respond(to: HTTPRequest(method: .get, path: "/nothing"))
        _ = router.respond(to: HTTPRequest(method: .put, path: "/keys/1"))
        #expect(logged.withLock { $0 } == 0)
    }

    @Test func eachRequestGetsItsOwnRandomVersion4UUIDInLowerCaseAsRequestId() {
        let first = HTTPRequest(method: .get, path: "/").requestID
        let second = HTTPRequest(method: .get, path: "/").requestID
        #expect(first != second)
        let groups = first.split(separator: "-", omittingEmptySubsequences: false)
        #expect(groups.map(\.count) == [8, 4, 4, 4, 12])
        #expect(first.allSatisfy { "0123456789abcdef-".contains($0) })
        #expect(groups[2].first == "4")
        #expect(groups[3].first.map { "89ab".contains($0) } == true)
    }
}
