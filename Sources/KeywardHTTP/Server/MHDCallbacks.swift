import CMicroHTTPD

// The two C callbacks handed to libmicrohttpd. They capture nothing (so they are valid C
// function pointers) and reach Swift state only through their `void *` arguments.

/// The access handler: called once with the headers, once per body chunk, and once more when
/// the body is complete. `context` is the server's `RequestDispatcher`, unretained: the
/// `HTTPServer` owns it and stops the daemon before releasing it.
let mhdAccessHandler: MHD_AccessHandlerCallback = {
    context,
    connection,
    url,
    method,
    _,
    uploadData,
    uploadSize,
    requestSlot in
    guard let context, let connection, let url, let method, let uploadSize, let requestSlot else { return .NO }
    let dispatcher = Unmanaged<RequestDispatcher>.fromOpaque(context).takeUnretainedValue()
    let chunk = UnsafeRawBufferPointer(start: uploadData, count: uploadData == nil ? 0 : uploadSize.pointee)
    return dispatcher.handle(
        connection: MHDConnection(connection),
        method: String(cString: method),
        path: String(cString: url),
        chunk: chunk,
        uploadSize: uploadSize,
        requestSlot: requestSlot
    )
}

/// The request-completed callback: tells the dispatcher the request is over (which frees its
/// post processor and counts it out of the requests in flight) and releases the
/// `PendingRequest` that the access handler retained into `*con_cls`, once per request,
/// however the request ended. `context` is the dispatcher, as for the access handler.
let mhdRequestCompleted: MHD_RequestCompletedCallback = { context, _, requestSlot, _ in
    guard let context, let requestSlot, let slot = requestSlot.pointee else { return }
    let dispatcher = Unmanaged<RequestDispatcher>.fromOpaque(context).takeUnretainedValue()
    let pending = Unmanaged<PendingRequest>.fromOpaque(slot)
    dispatcher.complete(pending.takeUnretainedValue())
    pending.release()
    requestSlot.pointee = nil
}
