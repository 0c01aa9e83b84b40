/// What one request accumulates between libmicrohttpd's calls to the access handler.
///
/// libmicrohttpd keeps it in the request's `*con_cls` slot: `RequestDispatcher` stores it there
/// retained (`Unmanaged.passRetained`) on the first call, and the request-completed callback
/// releases it, whether the request was answered, failed or timed out. A connection is served
/// by one thread at a time, so the object needs no lock and is deliberately not `Sendable`.
final class PendingRequest {
    /// When the first call arrived, for the access line's duration.
    let startedAt = ContinuousClock.now
    /// The body bytes received so far, for a body that is not a form; emptied once the limit is exceeded.
    private(set) var body: [UInt8] = []
    /// Every body byte received so far, form or not: the limit applies to this total.
    private(set) var receivedCount = 0
    /// True once the body has grown past the limit; the rest is read and dropped.
    private(set) var exceededLimit = false
    /// True once a response has been queued, so later calls only drain input.
    var isAnswered = false
    /// Parses a form body as it arrives, in place of `body`; `nil` for other bodies.
    let form: FormCollector?

    init(form: FormCollector? = nil) {
        self.form = form
    }

    /// Takes a chunk of body (into `form` or `body`), or records that the body is too large
    /// (and frees what was kept).
    func append(_ chunk: UnsafeRawBufferPointer, limit: Int) {
        guard !exceededLimit else { return }
        guard chunk.count <= limit - receivedCount else {
            exceededLimit = true
            body = []
            return
        }
        receivedCount += chunk.count
        if let form {
            form.feed(chunk)
        } else {
            body.append(contentsOf: chunk)
        }
    }

    /// Reserves room for a body whose length the client declared, up to `limit`.
    func reserveBody(declaredLength: Int, limit: Int) {
        guard form == nil else { return }
        body.reserveCapacity(min(declaredLength, limit))
    }

    /// Called once, from the request-completed callback: frees what libmicrohttpd objects remain.
    func close() {
        form?.discard()
    }
}
