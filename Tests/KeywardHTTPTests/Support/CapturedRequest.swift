import KeywardHTTP
import Synchronization

/// Keeps the last request a test route received, so a test can inspect what the server parsed.
final class CapturedRequest: Sendable {
    private let request = Mutex<HTTPRequest?>(nil)

    /// The last request received, or `nil`.
    var last: HTTPRequest? {
        request.withLock { $0 }
    }

    /// A router whose `POST /capture` stores the request and answers 204.
    func makeRouter() -> Router {
        var router = Router()
        router.add(.post, "/capture") { [self] request, _ in
            self.request.withLock { $0 = request }
            return HTTPResponse(status: .noContent)
        }
        return router
    }
}
