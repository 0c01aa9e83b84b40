import CMicroHTTPD
import Synchronization

/// The Swift side of libmicrohttpd's access handler: collects each request's body (parsing a
/// form body as it arrives) and answers it through the router on the final call.
///
/// Answering only on the final call matters: libmicrohttpd closes the connection after a
/// response queued on the first call, so keep-alive would be lost.
final class RequestDispatcher: Sendable {
    private let router: Router
    private let maxBodySize: Int
    private let logger: Logger
    /// Requests begun and not yet completed (answer sent, or connection lost): a graceful stop waits for 0.
    private let inFlight = Atomic<Int>(0)

    init(router: Router, maxBodySize: Int, logger: Logger) {
        self.router = router
        self.maxBodySize = maxBodySize
        self.logger = logger
    }

    /// How many requests have begun and not yet completed.
    var requestsInFlight: Int {
        inFlight.load(ordering: .acquiring)
    }

    /// One access-handler call. `chunk` is the body data of this call (empty on the first and
    /// last calls); `uploadSize` is set to 0 to tell libmicrohttpd the chunk was consumed.
    func handle(
        connection: MHDConnection,
        method: String,
        path: String,
        chunk: UnsafeRawBufferPointer,
        uploadSize: UnsafeMutablePointer<Int>,
        requestSlot: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    ) -> MHD_Result {
        guard let slot = requestSlot.pointee else {
            return begin(connection: connection, method: method, path: path, requestSlot: requestSlot)
        }
        let pending = Unmanaged<PendingRequest>.fromOpaque(slot).takeUnretainedValue()
        if uploadSize.pointee > 0 {
            if !pending.isAnswered {
                pending.append(chunk, limit: maxBodySize)
            }
            uploadSize.pointee = 0
            return .YES
        }
        if pending.isAnswered {
            return .YES
        }
        pending.isAnswered = true
        guard !pending.exceededLimit else {
            return answer(errorResponse(.bodyTooLarge(limit: maxBodySize)), method, path, pending, connection)
        }
        var form: FormData?
        if let collector = pending.form {
            do {
                form = try collector.finish()
            } catch {
                logger.debug("form body of \(Logger.escaped(method)) \(Logger.escaped(path)) refused: \(error)")
                return answer(errorResponse(error), method, path, pending, connection)
            }
        }
        let request = HTTPRequest(
            method: HTTPMethod(rawValue: method),
            path: path,
            queryItems: connection.queryItems,
            headers: connection.headers,
            body: pending.body,
            form: form,
            clientAddress: connection.clientAddress
        )
        // HEAD keeps the GET body here: libmicrohttpd sends its Content-Length and omits the bytes.
        return answer(router.responseKeepingHeadBody(to: request), method, path, pending, connection)
    }

    /// The request-completed callback's half: the request is over, however it ended.
    func complete(_ pending: PendingRequest) {
        pending.close()
        inFlight.subtract(1, ordering: .releasing)
    }

    /// The first call, with headers only: attaches a `PendingRequest` to the request (with a
    /// form collector when the body is a form). A body declared longer than the limit is
    /// refused at once, before it is sent (the client may be waiting for `100 Continue`);
    /// libmicrohttpd then closes the connection after the answer.
    private func begin(
        connection: MHDConnection,
        method: String,
        path: String,
        requestSlot: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    ) -> MHD_Result {
        inFlight.add(1, ordering: .relaxed)
        let pending: PendingRequest
        switch MediaType.essence(of: connection.contentType) {
        case MediaType.multipartFormData:
            pending = PendingRequest(form: FormCollector(connection: connection, isMultipart: true))
        case MediaType.formURLEncoded:
            pending = PendingRequest(form: FormCollector(connection: connection, isMultipart: false))
        default:
            pending = PendingRequest()
        }
        requestSlot.pointee = Unmanaged.passRetained(pending).toOpaque()
        guard let declaredLength = connection.declaredContentLength else { return .YES }
        guard declaredLength <= maxBodySize else {
            pending.isAnswered = true
            return answer(errorResponse(.bodyTooLarge(limit: maxBodySize)), method, path, pending, connection)
        }
        pending.reserveBody(declaredLength: declaredLength, limit: maxBodySize)
        return .YES
    }

    /// Queues `response` and writes the access line.
    private func answer(
        _ response: HTTPResponse,
        _ method: String,
        _ path: String,
        _ pending: PendingRequest,
        _ connection: MHDConnection
    ) -> MHD_Result {
        let result = connection.queue(response)
        if logger.isEnabled(.info) {
            let elapsed = ContinuousClock.now - pending.startedAt
            let components = elapsed.components
            let milliseconds = Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
            logger.access(
                method: method,
                path: path,
                status: response.status.code,
                milliseconds: milliseconds,
                requestID: response.headers[ErrorResponse.requestIDHeader] ?? "-"
            )
        }
        return result
    }

    /// The error response for a failure found before routing, with a fresh request id.
    private func errorResponse(_ error: HTTPError) -> HTTPResponse {
        let requestID = HTTPRequest.makeRequestID()
        var response = ErrorResponse.response(for: error, requestID: requestID)
        response.headers.set(name: ErrorResponse.requestIDHeader, value: requestID)
        return response
    }
}
