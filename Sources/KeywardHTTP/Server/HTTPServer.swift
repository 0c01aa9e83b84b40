import CMicroHTTPD
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An HTTP/1.1 server on libmicrohttpd that answers every request through a `Router`.
///
/// It listens from `init` until `stop()` (or deinit), on a pool of worker threads, each with
/// its own epoll set; handlers run on those threads. Connections are kept alive between
/// requests. The server owns its libmicrohttpd daemon and frees it exactly once.
public final class HTTPServer: Sendable {
    /// The address the server is bound to.
    public let host: String
    /// The port the server is bound to; the kernel's choice when the configuration said 0.
    public let port: Int

    /// The running daemon; `nil` once stopped.
    private let daemon: Mutex<OpaquePointer?>
    /// What the C callbacks reach through their context pointer; must outlive the daemon.
    private let dispatcher: RequestDispatcher

    /// Starts listening on `configuration.host`:`configuration.port` and serving `router`.
    public init(configuration: HTTPServerConfiguration = HTTPServerConfiguration(), router: Router)
        throws(HTTPServerError)
    {
        try Self.validate(configuration)
        let dispatcher = RequestDispatcher(router: router, maxBodySize: configuration.maxBodySize)
        let flags =
            MHD_USE_INTERNAL_POLLING_THREAD.rawValue | MHD_USE_EPOLL.rawValue | MHD_USE_ERROR_LOG.rawValue
        let started = keyward_mhd_start(
            flags,
            configuration.host,
            UInt16(configuration.port),
            mhdAccessHandler,
            Unmanaged.passUnretained(dispatcher).toOpaque(),
            mhdRequestCompleted,
            UInt32(configuration.threadCount),
            UInt32(configuration.connectionLimit),
            UInt32(configuration.idleTimeoutSeconds),
            configuration.connectionMemoryLimit
        )
        guard let started else {
            throw .cannotListen(host: configuration.host, port: configuration.port)
        }
        self.host = configuration.host
        self.port = Int(keyward_mhd_bound_port(started))
        self.daemon = Mutex(started)
        self.dispatcher = dispatcher
    }

    deinit {
        stop()
    }

    /// Closes the listening socket and every connection, and waits for the worker threads to
    /// finish their current request. Safe to call more than once and from any thread.
    public func stop() {
        daemon.withLock { daemon in
            guard let running = daemon else { return }
            MHD_stop_daemon(running)
            daemon = nil
        }
    }

    private static func validate(_ configuration: HTTPServerConfiguration) throws(HTTPServerError) {
        var address = in_addr()
        guard inet_pton(AF_INET, configuration.host, &address) == 1 else {
            throw .invalidHost(configuration.host)
        }
        guard (0...65535).contains(configuration.port) else {
            throw .invalidPort(configuration.port)
        }
        let positive: [(name: String, value: Int)] = [
            ("maxBodySize", configuration.maxBodySize),
            ("threadCount", configuration.threadCount),
            ("connectionLimit", configuration.connectionLimit),
            ("idleTimeoutSeconds", configuration.idleTimeoutSeconds),
            ("connectionMemoryLimit", configuration.connectionMemoryLimit),
        ]
        for setting in positive where !(1...Int(UInt32.max)).contains(setting.value) {
            throw .invalidSetting(name: setting.name, value: setting.value)
        }
    }
}
