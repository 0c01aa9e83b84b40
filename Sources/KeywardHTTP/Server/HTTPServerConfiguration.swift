#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Where and how `HTTPServer` listens. Every value has a default fit for one node.
public struct HTTPServerConfiguration: Sendable {
    /// The IPv4 address to bind, e.g. `127.0.0.1` (the default) or `0.0.0.0` for every interface.
    ///
    /// Bound explicitly: libmicrohttpd would listen on every interface otherwise.
    public var host: String
    /// The TCP port; 0 asks the kernel for a free one, which `HTTPServer.port` then reports.
    public var port: Int
    /// The longest request body accepted, in bytes; a longer one is answered 413.
    public var maxBodySize: Int
    /// libmicrohttpd worker threads, each with its own epoll set; defaults to the number of CPUs.
    public var threadCount: Int
    /// Open connections allowed at once, across all threads.
    public var connectionLimit: Int
    /// Seconds a connection may stay idle before libmicrohttpd closes it.
    public var idleTimeoutSeconds: Int
    /// Per-connection memory pool in bytes (libmicrohttpd's default, 32 KiB): it bounds the request
    /// line and headers, and is cleared between requests, so larger costs time on every request.
    /// Bodies are copied out of it chunk by chunk, so it does not bound them.
    public var connectionMemoryLimit: Int
    /// The certificate chain and key to serve HTTPS with; `nil` (the default) serves plain HTTP.
    public var tls: TLSCredentials?
    /// Where the server writes its access lines and errors, and how much.
    public var logger: Logger

    /// The default body limit: 1 MiB, room for a PKCS#12 file or a long chain, with form
    /// overhead, while bounding what one request can make the server hold.
    public static let defaultMaxBodySize = 1024 * 1024

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        maxBodySize: Int = HTTPServerConfiguration.defaultMaxBodySize,
        threadCount: Int = ProcessInfo.processInfo.activeProcessorCount,
        connectionLimit: Int = 1024,
        idleTimeoutSeconds: Int = 30,
        connectionMemoryLimit: Int = 32 * 1024,
        tls: TLSCredentials? = nil,
        logger: Logger = Logger()
    ) {
        self.host = host
        self.port = port
        self.maxBodySize = maxBodySize
        self.threadCount = threadCount
        self.connectionLimit = connectionLimit
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.connectionMemoryLimit = connectionMemoryLimit
        self.tls = tls
        self.logger = logger
    }
}
