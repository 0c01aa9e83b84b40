import KeywardCore
import KeywardHTTP
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// These tests talk to a real libmicrohttpd server on 127.0.0.1, on a port the kernel picks.
@Suite struct HTTPServerTests {
    private static let smallLimit = 1024

    /// The API's routes plus `POST /echo/{name}`, which reports what the server parsed.
    private static func makeRouter() -> Router {
        var router = Routes.makeRouter()
        router.add(.post, "/echo/{name}") { request, context in
            let report = [
                "name=\(context.pathParameters["name"] ?? "-")",
                "bytes=\(request.body.count)",
                "q=\(request.queryValue("q") ?? "-")",
                "header=\(request.headers["x-keyward-test"] ?? "-")",
                "client=\(request.clientAddress ?? "-")",
                "id=\(request.requestID == context.requestID)",
            ]
            return HTTPResponse(
                status: .ok,
                headers: ["Content-Type": "text/plain"],
                body: Array(report.joined(separator: " ").utf8)
            )
        }
        return router
    }

    private static func startServer(maxBodySize: Int = smallLimit) throws -> HTTPServer {
        let configuration = HTTPServerConfiguration(port: 0, maxBodySize: maxBodySize, threadCount: 2)
        return try HTTPServer(configuration: configuration, router: makeRouter())
    }

    @Test func portZeroBindsAFreePortOnLoopbackAndReportsIt() throws {
        let server = try Self.startServer()
        #expect(server.host == "127.0.0.1")
        #expect(server.port > 0)
    }

    @Test func twoHealthRequestsShareOneKeptAliveConnection() throws {
        let server = try Self.startServer()
        let client = try RawHTTPClient(port: server.port)
        let first = try client.request("GET", "/health")
        let second = try client.request("GET", "/health")
        for response in [first, second] {
            #expect(response.status == 200)
            #expect(response.headers["Content-Type"] == "application/json")
            #expect(response.headers["Connection"]?.lowercased() != "close")
            let body = try decodeJSON(HealthBody.self, from: response.body)
            #expect(body == HealthBody(status: "UP", version: KeywardVersion.current))
        }
        #expect(first.headers["X-Request-Id"] != second.headers["X-Request-Id"])
    }

    @Test func bodyWithinTheLimitReachesTheHandlerWithQueryHeadersAndClientAddress() throws {
        let server = try Self.startServer()
        let client = try RawHTTPClient(port: server.port)
        let body = [UInt8](repeating: 0x41, count: Self.smallLimit)
        let response = try client.request(
            "POST",
            "/echo/alice?q=a%20b",
            headers: [("X-Keyward-Test", "yes")],
            body: body
        )
        #expect(response.status == 200)
        let report = String(decoding: response.body, as: UTF8.self)
        #expect(report == "name=alice bytes=1024 q=a b header=yes client=127.0.0.1 id=true")
    }

    @Test func declaredBodyLargerThanTheLimitIsRefusedWith413BeforeItIsRead() throws {
        let server = try Self.startServer()
        let client = try RawHTTPClient(port: server.port)
        let body = [UInt8](repeating: 0x41, count: Self.smallLimit + 1)
        let response = try client.request("POST", "/echo/alice", body: body)
        try expectBodyTooLarge(response)
        #expect(response.headers["Connection"]?.lowercased() == "close")
        #expect(client.isClosedByServer())
    }

    @Test func chunkedBodyLargerThanTheLimitIsAnswered413AndTheConnectionStaysUsable() throws {
        let server = try Self.startServer()
        let client = try RawHTTPClient(port: server.port)
        let chunk = String(repeating: "A", count: 600)
        let chunked = "258\r\n\(chunk)\r\n" + "258\r\n\(chunk)\r\n" + "0\r\n\r\n"  // 2 x 600 bytes, in hex
        try client.send(Array("POST /echo/bob HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n".utf8))
        try client.send(Array(chunked.utf8))
        try expectBodyTooLarge(try client.readResponse())
        #expect(try client.request("GET", "/health").status == 200)
    }

    @Test func stoppedServerRefusesConnectionsAndItsPortCanBeBoundAgain() throws {
        let server = try Self.startServer()
        let port = server.port
        let client = try RawHTTPClient(port: port)
        #expect(try client.request("GET", "/health").status == 200)
        server.stop()
        server.stop()  // a second stop does nothing
        #expect(client.isClosedByServer())
        #expect(throws: SocketError.self) { try RawHTTPClient(port: port) }
        let again = try HTTPServer(configuration: HTTPServerConfiguration(port: port), router: Self.makeRouter())
        #expect(again.port == port)
    }

    @Test func releasingTheServerStopsIt() throws {
        var server: HTTPServer? = try Self.startServer()
        let port = try #require(server?.port)
        server = nil
        #expect(throws: SocketError.self) { try RawHTTPClient(port: port) }
    }

    @Test(arguments: ["localhost", "::1", "127.0.0.256", ""])
    func hostThatIsNotAnIPv4AddressIsRefused(_ host: String) {
        #expect(throws: HTTPServerError.invalidHost(host)) {
            try HTTPServer(configuration: HTTPServerConfiguration(host: host, port: 0), router: Routes.makeRouter())
        }
    }

    @Test func portAlreadyInUseIsReportedAsCannotListen() throws {
        let server = try Self.startServer()
        #expect(throws: HTTPServerError.cannotListen(host: "127.0.0.1", port: server.port)) {
            try HTTPServer(configuration: HTTPServerConfiguration(port: server.port), router: Routes.makeRouter())
        }
    }

    private func expectBodyTooLarge(_ response: RawHTTPResponse) throws {
        #expect(response.status == 413)
        #expect(response.headers["Content-Type"] == "application/json")
        let body = try decodeJSON(ErrorBody.self, from: response.body)
        #expect(body.code == "INVALID_REQUEST")
        #expect(body.id == response.headers["X-Request-Id"])
        #expect(body.details == [ErrorBody.Detail(code: "SIZE_LIMIT_EXCEEDED", target: "body", message: body.message)])
    }
}

@Suite struct HTTPServerConfigurationTests {
    @Test func defaultBodyLimitIsOneMebibyteAndPlainHTTP() {
        #expect(HTTPServerConfiguration.defaultMaxBodySize == 1_048_576)
        #expect(HTTPServerConfiguration().maxBodySize == 1_048_576)
        #expect(HTTPServerConfiguration().tls == nil)
    }
}
