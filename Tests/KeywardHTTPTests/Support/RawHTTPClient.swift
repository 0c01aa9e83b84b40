import KeywardHTTP

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failed socket call in the test client; `code` is `errno`.
struct SocketError: Error, CustomStringConvertible {
    let call: String
    let code: Int32

    var description: String { "\(call) failed: \(String(cString: strerror(code)))" }
}

/// One response as read off the wire.
struct RawHTTPResponse {
    let status: Int
    let headers: HTTPHeaders
    let body: [UInt8]
}

/// A tiny blocking HTTP/1.1 client over one TCP connection to 127.0.0.1, so tests can see
/// what a real client sees (keep-alive, early answers) without URLSession or full Foundation.
/// Every read times out after 5 s, so a server bug fails the test instead of hanging it.
final class RawHTTPClient {
    private let socket: Int32
    private var received: [UInt8] = []

    init(port: Int) throws {
        // The descriptor is stored only once connected, so a failed init closes it exactly once
        // (a second close could hit a descriptor another test has just opened).
        let descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SocketError(call: "socket", code: errno) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            close(descriptor)
            throw SocketError(call: "connect", code: code)
        }
        socket = descriptor
    }

    deinit {
        close(socket)
    }

    /// Sends a request with `Content-Length` when there is a body, and reads its response.
    func request(
        _ method: String,
        _ path: String,
        headers: [(String, String)] = [],
        body: [UInt8] = []
    ) throws -> RawHTTPResponse {
        try send(method, path, headers: headers, body: body)
        return try readResponse(hasBody: method != "HEAD")
    }

    /// Sends a request with `Content-Length` when there is a body, without reading the response.
    func send(
        _ method: String,
        _ path: String,
        headers: [(String, String)] = [],
        body: [UInt8] = []
    ) throws {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers {
            head += "\(name): \(value)\r\n"
        }
        if !body.isEmpty {
            head += "Content-Length: \(body.count)\r\n"
        }
        try send(Array((head + "\r\n").utf8) + body)
    }

    /// Writes all of `bytes`; `MSG_NOSIGNAL` keeps a closed peer from killing the test process.
    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw SocketError(call: "send", code: errno) }
            offset += sent
        }
    }

    /// Reads one response; the server sends `Content-Length` on every response it makes. An
    /// answer to `HEAD` has no body whatever its `Content-Length` says: pass `hasBody: false`.
    func readResponse(hasBody: Bool = true) throws -> RawHTTPResponse {
        let separator = Array("\r\n\r\n".utf8)
        var headEnd = received.firstRange(of: separator)
        while headEnd == nil {
            try receiveMore()
            headEnd = received.firstRange(of: separator)
        }
        guard let headEnd else { throw SocketError(call: "parse", code: EPROTO) }
        let lines = String(decoding: received[..<headEnd.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusWords = lines[0].split(separator: " ")
        guard statusWords.count >= 2, let status = Int(statusWords[1]) else {
            throw SocketError(call: "parse", code: EPROTO)
        }
        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].drop { $0 == " " }
            headers.add(name: String(line[..<colon]), value: String(value))
        }
        let length = hasBody ? headers["Content-Length"].flatMap { Int($0) } ?? 0 : 0
        let bodyStart = headEnd.upperBound
        while received.count - bodyStart < length {
            try receiveMore()
        }
        let body = Array(received[bodyStart..<(bodyStart + length)])
        received.removeFirst(bodyStart + length)
        return RawHTTPResponse(status: status, headers: headers, body: body)
    }

    /// True when the server has closed the connection (the next read sees end of file).
    func isClosedByServer() -> Bool {
        var byte: UInt8 = 0
        return recv(socket, &byte, 1, 0) == 0
    }

    private func receiveMore() throws {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { throw SocketError(call: "recv", code: count == 0 ? ECONNRESET : errno) }
        received.append(contentsOf: buffer[..<count])
    }
}

extension String {
    fileprivate func components(separatedBy separator: String) -> [String] {
        split(separator: separator, omittingEmptySubsequences: false).map(String.init)
    }
}
