import CMicroHTTPD

/// A libmicrohttpd connection during one access-handler call: reads what MHD parsed and
/// queues the answer. Valid only inside that call; never stored.
struct MHDConnection {
    private let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    /// The request's header fields, in order.
    var headers: HTTPHeaders {
        HTTPHeaders(values(of: .HEADER_KIND).map { HTTPHeaders.Field(name: $0.name, value: $0.value) })
    }

    /// The query string's items, percent-decoded by libmicrohttpd, in order.
    var queryItems: [QueryItem] {
        values(of: .GET_ARGUMENT_KIND).map { QueryItem(name: $0.name, value: $0.value) }
    }

    /// The declared `Content-Length`, or `nil` when absent (e.g. a chunked body) or not a number.
    var declaredContentLength: Int? {
        guard let value = MHD_lookup_connection_value(pointer, .HEADER_KIND, "Content-Length") else { return nil }
        return Int(String(cString: value))
    }

    /// The request's `Content-Type` header, or `nil` when absent.
    var contentType: String? {
        MHD_lookup_connection_value(pointer, .HEADER_KIND, "Content-Type").map { String(cString: $0) }
    }

    /// A post processor for this request's form body, or `nil` when libmicrohttpd cannot parse the
    /// body as a form (e.g. multipart without a boundary). The caller destroys it exactly once.
    func makePostProcessor(
        bufferSize: Int,
        iterator: MHD_PostDataIterator,
        context: UnsafeMutableRawPointer
    ) -> OpaquePointer? {
        MHD_create_post_processor(pointer, bufferSize, iterator, context)
    }

    /// The peer's IP address as text (IPv4 or IPv6), or `nil` when libmicrohttpd does not know it.
    var clientAddress: String? {
        var buffer = [CChar](repeating: 0, count: 64)  // INET6_ADDRSTRLEN is 46
        let count = socklen_t(buffer.count)
        guard keyward_mhd_client_address(pointer, &buffer, count) == 1 else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Queues `response` for sending; `.NO` tells libmicrohttpd to close the connection.
    ///
    /// The body is copied (`RESPMEM_MUST_COPY`), so the Swift array may go away at once.
    func queue(_ response: HTTPResponse) -> MHD_Result {
        let created = response.body.withUnsafeBytes { body in
            MHD_create_response_from_buffer(
                body.count,
                UnsafeMutableRawPointer(mutating: body.baseAddress),
                .RESPMEM_MUST_COPY
            )
        }
        guard let mhdResponse = created else { return .NO }
        defer { MHD_destroy_response(mhdResponse) }
        for field in response.headers {
            // MHD refuses names or values holding CR, LF or TAB: such a header is a bug, and is dropped, logged.
            if MHD_add_response_header(mhdResponse, field.name, field.value) == .NO {
                StandardError.writeLine("keyward: dropped response header \(field.name) that libmicrohttpd refused")
            }
        }
        return MHD_queue_response(pointer, UInt32(response.status.code), mhdResponse)
    }

    private func values(of kind: MHD_ValueKind) -> [(name: String, value: String)] {
        var collected: [(name: String, value: String)] = []
        withUnsafeMutablePointer(to: &collected) { collector in
            _ = MHD_get_connection_values_n(pointer, kind, collectValue, UnsafeMutableRawPointer(collector))
        }
        return collected
    }
}

/// Appends one key/value pair to the `[(name:value:)]` array that `context` points to.
/// Lengths come from MHD, so values may hold any bytes; invalid UTF-8 is repaired, not refused.
private let collectValue: MHD_KeyValueIteratorN = { context, _, key, keySize, value, valueSize in
    guard let context, let key else { return .YES }
    let collected = context.assumingMemoryBound(to: [(name: String, value: String)].self)
    let name = String(decoding: UnsafeRawBufferPointer(start: key, count: keySize), as: UTF8.self)
    let text = value.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: valueSize), as: UTF8.self) } ?? ""
    collected.pointee.append((name: name, value: text))
    return .YES
}
