import CCurl

#if canImport(Glibc)
    import Glibc
#endif

/// One libcurl easy handle, its header list and error buffer, for a single transfer; all are
/// freed when it goes out of scope. `~Copyable`, so there is exactly one owner.
struct CurlEasy: ~Copyable {
    private let handle: UnsafeMutableRawPointer
    private var headers: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>

    init() throws(WebhookError) {
        guard let handle = curl_easy_init() else { throw .curl(call: "curl_easy_init", message: "no handle") }
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
        buffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        guard keyward_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, buffer) == CURLE_OK else {
            curl_easy_cleanup(handle)
            buffer.deallocate()
            throw .curl(call: "CURLOPT_ERRORBUFFER", message: "refused")
        }
        self.handle = handle
        errorBuffer = buffer
        headers = nil
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(headers)
        errorBuffer.deallocate()
    }

    func set(_ option: CURLoption, _ value: Int) throws(WebhookError) {
        try check(keyward_curl_setopt_long(handle, option, value), "option \(option.rawValue)")
    }

    /// A string option; libcurl copies it.
    func set(_ option: CURLoption, _ value: String) throws(WebhookError) {
        let code = value.withCString { keyward_curl_setopt_pointer(handle, option, $0) }
        try check(code, "option \(option.rawValue)")
    }

    /// A blob option; libcurl copies the bytes (`CURL_BLOB_COPY`).
    func setBlob(_ option: CURLoption, _ bytes: [UInt8]) throws(WebhookError) {
        let code = bytes.withUnsafeBytes { keyward_curl_setopt_blob(handle, option, $0.baseAddress, $0.count) }
        try check(code, "option \(option.rawValue)")
    }

    /// The request body, copied by libcurl (`CURLOPT_COPYPOSTFIELDS`, after `CURLOPT_POSTFIELDSIZE`).
    func setCopiedBody(_ body: [UInt8]) throws(WebhookError) {
        let code = body.withUnsafeBytes { keyward_curl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, $0.baseAddress) }
        try check(code, "CURLOPT_COPYPOSTFIELDS")
    }

    /// The request headers (`Name: value` lines), kept until the handle is freed.
    mutating func setHeaders(_ lines: [String]) throws(WebhookError) {
        for line in lines {
            guard let appended = curl_slist_append(headers, line) else {
                throw .curl(call: "curl_slist_append", message: "out of memory")
            }
            headers = appended
        }
        try check(keyward_curl_setopt_pointer(handle, CURLOPT_HTTPHEADER, headers), "CURLOPT_HTTPHEADER")
    }

    /// Runs the transfer; the answer's body is dropped, `isCancelled` is polled to abort it, and
    /// `targets` decides, per resolved address, whether a socket may be opened to it.
    func perform(targets: WebhookTargetPolicy, isCancelled: @escaping @Sendable () -> Bool) -> WebhookOutcome {
        let cancellation = Unmanaged.passRetained(CancellationBox(isCancelled))
        defer { cancellation.release() }
        let policy = Unmanaged.passRetained(TargetPolicyBox(targets))
        defer { policy.release() }
        do {
            try check(keyward_curl_setopt_opensocket_function(handle, openPermittedSocket), "OPENSOCKETFUNCTION")
            try check(keyward_curl_setopt_pointer(handle, CURLOPT_OPENSOCKETDATA, policy.toOpaque()), "OPENSOCKETDATA")
            try check(keyward_curl_setopt_write_function(handle) { _, size, count, _ in size * count }, "WRITEFUNCTION")
            try check(
                keyward_curl_setopt_xferinfo_function(handle) { context, _, _, _, _ in
                    guard let context else { return 0 }
                    return Unmanaged<CancellationBox>.fromOpaque(context).takeUnretainedValue().isCancelled() ? 1 : 0
                },
                "XFERINFOFUNCTION"
            )
            try check(
                keyward_curl_setopt_pointer(handle, CURLOPT_XFERINFODATA, cancellation.toOpaque()),
                "XFERINFODATA"
            )
            try set(CURLOPT_NOPROGRESS, 0)
        } catch {
            return .failed(error.description)
        }
        let code = curl_easy_perform(handle)
        guard code == CURLE_OK else {
            if code == CURLE_ABORTED_BY_CALLBACK { return .cancelled }
            if let refused = policy.takeUnretainedValue().refused {
                return .failed("refused to connect to \(refused): a local address (--webhook-local-targets deny)")
            }
            return .failed(message(code))
        }
        var status = 0
        guard keyward_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK else {
            return .failed("the answer's status could not be read")
        }
        return .status(status)
    }

    private func check(_ code: CURLcode, _ call: String) throws(WebhookError) {
        guard code == CURLE_OK else { throw .curl(call: call, message: message(code)) }
    }

    /// libcurl's detailed message for the last failure, else its generic text for `code`.
    private func message(_ code: CURLcode) -> String {
        let detail = String(cString: errorBuffer)
        return detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
    }
}

/// Carries the cancellation check to libcurl's progress callback through its `void *`.
private final class CancellationBox: Sendable {
    let isCancelled: @Sendable () -> Bool
    init(_ isCancelled: @escaping @Sendable () -> Bool) { self.isCancelled = isCancelled }
}

/// Carries the target policy to libcurl's open-socket callback, and brings back the address it
/// refused (for the delivery's error).
private final class TargetPolicyBox: @unchecked Sendable {
    let policy: WebhookTargetPolicy
    /// Written by the callback on the transfer's own thread, read after `curl_easy_perform`.
    var refused: String?
    init(_ policy: WebhookTargetPolicy) { self.policy = policy }
}

/// libcurl's `CURLOPT_OPENSOCKETFUNCTION`: opens the socket only when the policy allows the
/// resolved address; otherwise libcurl fails the connection (`CURL_SOCKET_BAD`).
private func openPermittedSocket(
    _ context: UnsafeMutableRawPointer?,
    _ purpose: curlsocktype,
    _ address: UnsafeMutablePointer<curl_sockaddr>?
) -> curl_socket_t {
    guard let context, let address else { return CURL_SOCKET_BAD }
    let box = Unmanaged<TargetPolicyBox>.fromOpaque(context).takeUnretainedValue()
    let family = address.pointee.family
    let offset = MemoryLayout<curl_sockaddr>.offset(of: \curl_sockaddr.addr) ?? 16
    let socketAddress = UnsafeRawPointer(address).advanced(by: offset)
    let allowed: Bool
    let text: String
    switch family {
    case AF_INET:
        let start = MemoryLayout<sockaddr_in>.offset(of: \sockaddr_in.sin_addr) ?? 4
        let octets = (0..<4).map { socketAddress.load(fromByteOffset: start + $0, as: UInt8.self) }
        allowed = box.policy.allows(ipv4: octets)
        text = octets.map(String.init).joined(separator: ".")
    case AF_INET6:
        let start = MemoryLayout<sockaddr_in6>.offset(of: \sockaddr_in6.sin6_addr) ?? 8
        let bytes = (0..<16).map { socketAddress.load(fromByteOffset: start + $0, as: UInt8.self) }
        allowed = box.policy.allows(ipv6: bytes)
        text = stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
            .joined(separator: ":")
    default:
        allowed = false
        text = "an address of family \(family)"
    }
    guard allowed else {
        box.refused = text
        return CURL_SOCKET_BAD
    }
    return socket(family, address.pointee.socktype, address.pointee.protocol)
}
