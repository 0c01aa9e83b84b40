import CMicroHTTPD

/// The Swift side of libmicrohttpd's access handler: collects each request's body and answers
/// it through the router on the final call.
///
/// Answering only on the final call matters: libmicrohttpd closes the connection after a
/// response queued on the first call, so keep-alive would be lost.
final class RequestDispatcher: Sendable {
    private let router: Router
    private let maxBodySize: Int

    init(router: Router, maxBodySize: Int) {
        self.router = router
        self.maxBodySize = maxBodySize
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
            return begin(connection: connection, requestSlot: requestSlot)
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
            return connection.queue(bodyTooLargeResponse())
        }
        let request = HTTPRequest(
            method: HTTPMethod(rawValue: method),
            path: path,
            queryItems: connection.queryItems,
            headers: connection.headers,
            body: pending.body,
            clientAddress: connection.clientAddress
        )
        return connection.queue(router.respond(to: request))
    }

    /// The first call, with headers only: attaches a `PendingRequest` to the request. A body
    /// declared longer than the limit is refused at once, before it is sent (the client may be
    /// waiting for `100 Continue`); libmicrohttpd then closes the connection after the answer.
    private func begin(
        connection: MHDConnection,
        requestSlot: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    ) -> MHD_Result {
        let pending = PendingRequest()
        requestSlot.pointee = Unmanaged.passRetained(pending).toOpaque()
        guard let declaredLength = connection.declaredContentLength else { return .YES }
        guard declaredLength <= maxBodySize else {
            pending.isAnswered = true
            return connection.queue(bodyTooLargeResponse())
        }
        pending.reserveBody(declaredLength: declaredLength, limit: maxBodySize)
        return .YES
    }

    private func bodyTooLargeResponse() -> HTTPResponse {
        let requestID = HTTPRequest.makeRequestID()
        var response = ErrorResponse.response(for: HTTPError.bodyTooLarge(limit: maxBodySize), requestID: requestID)
        response.headers.set(name: ErrorResponse.requestIDHeader, value: requestID)
        return response
    }
}
