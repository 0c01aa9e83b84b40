import KeywardHTTP
import Synchronization
import Testing

/// Collects the lines a `Logger` writes.
private final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])

    var all: [String] { lines.withLock { $0 } }

    func logger(_ level: LogLevel) -> Logger {
        Logger(level: level) { line in self.lines.withLock { $0.append(line) } }
    }
}

@Suite struct LoggerTests {
    @Test func levelFiltersWhatIsWritten() {
        let lines = LogLines()
        let logger = lines.logger(.warn)
        logger.error("e")
        logger.warn("w")
        logger.info("i")
        logger.debug("d")
        #expect(lines.all.map { $0.split(separator: " ").dropFirst().joined(separator: " ") } == ["error e", "warn w"])
    }

    @Test func lineStartsWithAUTCTimestampWithMilliseconds() throws {
        let lines = LogLines()
        lines.logger(.info).info("hello")
        let line = try #require(lines.all.first)
        #expect(
            try #require(line.split(separator: " ").first).wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/)
                != nil
        )
    }

    @Test func serverWritesOneAccessLineWithoutBodyOrAuthorization() throws {
        let lines = LogLines()
        let captured = CapturedRequest()
        let configuration = HTTPServerConfiguration(port: 0, threadCount: 2, logger: lines.logger(.info))
        let server = try HTTPServer(configuration: configuration, router: captured.makeRouter())
        let response = try RawHTTPClient(port: server.port).request(
            "POST",
            "/capture?token=abc",
            headers: [("Authorization", "Bearer secret-token"), ("Content-Type", "text/plain")],
            body: Array("secret-body".utf8)
        )
        server.stop()

        let requestID = try #require(response.headers["X-Request-Id"])
        #expect(lines.all.count == 1)
        let line = try #require(lines.all.first)
        #expect(line.contains(" info access POST /capture 204 "))
        #expect(line.hasSuffix("ms id=\(requestID)"))
        #expect(!line.contains("secret"))
    }

    @Test func accessLinesAreNotWrittenAboveInfo() throws {
        let lines = LogLines()
        let configuration = HTTPServerConfiguration(port: 0, threadCount: 2, logger: lines.logger(.warn))
        let server = try HTTPServer(configuration: configuration, router: Routes.makeRouter())
        #expect(try RawHTTPClient(port: server.port).request("GET", "/health").status == 200)
        server.stop()
        #expect(lines.all.isEmpty)
    }

    @Test func controlCharactersInThePathCannotForgeALine() throws {
        let lines = LogLines()
        let configuration = HTTPServerConfiguration(port: 0, threadCount: 2, logger: lines.logger(.info))
        let server = try HTTPServer(configuration: configuration, router: Routes.makeRouter())
        _ = try RawHTTPClient(port: server.port).request("GET", "/a%0Afake%20line")
        server.stop()
        #expect(lines.all.count == 1)
        #expect(lines.all.first?.contains("/a%0Afake%20line 404") == true)
    }
}
