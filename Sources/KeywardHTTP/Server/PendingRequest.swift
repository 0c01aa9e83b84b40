/// What one request accumulates between libmicrohttpd's calls to the access handler.
///
/// libmicrohttpd keeps it in the request's `*con_cls` slot: `RequestDispatcher` stores it there
/// retained (`Unmanaged.passRetained`) on the first call, and the request-completed callback
/// releases it, whether the request was answered, failed or timed out. A connection is served
/// by one thread at a time, so the object needs no lock and is deliberately not `Sendable`.
final class PendingRequest {
    /// The body bytes received so far; emptied once the limit is exceeded.
    private(set) var body: [UInt8] = []
    /// True once the body has grown past the limit; the rest is read and dropped.
    private(set) var exceededLimit = false
    /// True once a response has been queued, so later calls only drain input.
    var isAnswered = false

    /// Appends a chunk of body, or records that the body is too large (and frees what was kept).
    func append(_ chunk: UnsafeRawBufferPointer, limit: Int) {
        guard !exceededLimit else { return }
        guard chunk.count <= limit - body.count else {
            exceededLimit = true
            body = []
            return
        }
        body.append(contentsOf: chunk)
    }

    /// Reserves room for a body whose length the client declared, up to `limit`.
    func reserveBody(declaredLength: Int, limit: Int) {
        body.reserveCapacity(min(declaredLength, limit))
    }
}
