import Dispatch
import Foundation
import KeywardHTTP
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `stop()` while a slow request is in flight. Blocking work runs on threads of its own, not on
/// the test's cooperative pool or Dispatch's, which blocked work can starve on a two-core machine.
@Suite struct GracefulStopTests {
    /// What a background thread found, read once it has signalled.
    private final class Outcome: Sendable {
        let status = Mutex<Int?>(nil)
        let failure = Mutex<String?>(nil)
        let done = DispatchSemaphore(value: 0)
    }

    private static func startSlowServer(onHandlerStarted started: DispatchSemaphore) throws -> HTTPServer {
        var router = Router()
        router.add(.get, "/slow") { _, _ in
            started.signal()
            usleep(1_000_000)
            return HTTPResponse(status: .ok, headers: ["Content-Type": "text/plain"], body: Array("done".utf8))
        }
        let configuration = HTTPServerConfiguration(port: 0, threadCount: 2, logger: Logger(level: .error))
        return try HTTPServer(configuration: configuration, router: router)
    }

    @Test func requestInFlightWhenStopIsCalledStillGetsItsAnswer() throws {
        let handlerStarted = DispatchSemaphore(value: 0)
        let server = try Self.startSlowServer(onHandlerStarted: handlerStarted)
        let port = server.port
        let request = Outcome()
        Thread.detachNewThread {
            do {
                let response = try RawHTTPClient(port: port).request("GET", "/slow")
                request.status.withLock { $0 = response.status }
            } catch {
                request.failure.withLock { $0 = "\(error)" }
            }
            request.done.signal()
        }
        #expect(handlerStarted.wait(timeout: .now() + 5) == .success)

        let stopped = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            server.stop()
            stopped.signal()
        }
        #expect(Self.connectionsAreRefused(port: port, within: .milliseconds(700)))

        #expect(request.done.wait(timeout: .now() + 5) == .success)
        #expect(request.status.withLock { $0 } == 200)
        #expect(request.failure.withLock { $0 } == nil)
        #expect(stopped.wait(timeout: .now() + 5) == .success)
    }

    /// True once connecting to `port` fails, trying every 10 ms until `within` has passed.
    private static func connectionsAreRefused(port: Int, within limit: Duration) -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if (try? RawHTTPClient(port: port)) == nil {
                return true
            }
            usleep(10_000)
        }
        return false
    }

    @Test func stopGivesUpWaitingAfterTheGracePeriod() throws {
        let handlerStarted = DispatchSemaphore(value: 0)
        let server = try Self.startSlowServer(onHandlerStarted: handlerStarted)
        let port = server.port
        let request = Outcome()
        Thread.detachNewThread {
            let response = try? RawHTTPClient(port: port).request("GET", "/slow")
            request.status.withLock { $0 = response?.status }
            request.done.signal()
        }
        #expect(handlerStarted.wait(timeout: .now() + 5) == .success)

        let clock = ContinuousClock()
        let elapsed = clock.measure { server.stop(gracePeriod: .milliseconds(100)) }

        // MHD_stop_daemon still waits for the handler's thread, but the connection is closed unanswered.
        #expect(elapsed < .seconds(3))
        #expect(request.done.wait(timeout: .now() + 5) == .success)
        #expect(request.status.withLock { $0 } == nil)
    }
}
