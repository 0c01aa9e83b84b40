import CMicroHTTPD
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An HTTP/1.1 server on libmicrohttpd that answers every request through a `Router`, over
/// plain HTTP or, with `HTTPServerConfiguration.tls`, HTTPS (libmicrohttpd's GnuTLS).
///
/// It listens from `init` until `stop(gracePeriod:)` (or deinit), on a pool of worker threads,
/// each with its own epoll set; handlers run on those threads. Connections are kept alive
/// between requests. The server owns its libmicrohttpd daemon and frees it exactly once.
public final class HTTPServer: Sendable {
    /// The address the server is bound to.
    public let host: String
    /// The port the server is bound to; the kernel's choice when the configuration said 0.
    public let port: Int
    /// True when the server speaks HTTPS.
    public let usesTLS: Bool

    /// The running daemon; `nil` once stopped.
    private let daemon: Mutex<OpaquePointer?>
    /// What the C callbacks reach through their context pointer; must outlive the daemon.
    private let dispatcher: RequestDispatcher
    /// The HTTPS chain and key libmicrohttpd points into; must outlive the daemon.
    private let tlsMaterial: TLSMaterial?

    /// Starts listening on `configuration.host`:`configuration.port` and serving `router`.
    public init(configuration: HTTPServerConfiguration = HTTPServerConfiguration(), router: Router)
        throws(HTTPServerError)
    {
        try Self.validate(configuration)
        if configuration.tls != nil, MHD_is_feature_supported(.FEATURE_TLS) != .YES {
            throw .tlsNotSupported
        }
        let dispatcher = RequestDispatcher(
            router: router,
            maxBodySize: configuration.maxBodySize,
            logger: configuration.logger
        )
        let tlsMaterial = configuration.tls.map(TLSMaterial.init)
        // MHD_USE_ITC: libmicrohttpd needs its inter-thread channel to quiesce a thread pool (graceful stop).
        var flags =
            MHD_USE_INTERNAL_POLLING_THREAD.rawValue | MHD_USE_EPOLL.rawValue | MHD_USE_ERROR_LOG.rawValue
            | MHD_USE_ITC.rawValue
        if tlsMaterial != nil {
            flags |= MHD_USE_TLS.rawValue
        }
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
            configuration.connectionMemoryLimit,
            tlsMaterial?.privateKey,
            tlsMaterial?.certificateChain
        )
        guard let started else {
            if tlsMaterial != nil {
                throw .cannotListenWithTLS(host: configuration.host, port: configuration.port)
            }
            throw .cannotListen(host: configuration.host, port: configuration.port)
        }
        self.host = configuration.host
        self.port = Int(keyward_mhd_bound_port(started))
        self.usesTLS = tlsMaterial != nil
        self.daemon = Mutex(started)
        self.dispatcher = dispatcher
        self.tlsMaterial = tlsMaterial
    }

    deinit {
        stop()
    }

    /// Stops with the default grace period of 10 seconds; see `stop(gracePeriod:)`.
    public func stop() {
        stop(gracePeriod: .seconds(10))
    }

    /// Stops gracefully: closes the listening socket at once, lets the requests in flight
    /// finish (their answers are sent) for up to `gracePeriod`, then closes every connection and
    /// waits for the worker threads. Safe to call more than once and from any thread; a second
    /// caller waits for the first to finish.
    public func stop(gracePeriod: Duration) {
        daemon.withLock { daemon in
            guard let running = daemon else { return }
            let listener = MHD_quiesce_daemon(running)
            if listener >= 0 {
                // Quiescing only stops accepting: the kernel would still complete handshakes into
                // the backlog. Shutting the socket down (Linux) refuses new connections at once,
                // while the descriptor stays open until MHD has stopped, as MHD requires.
                shutdown(listener, Int32(SHUT_RD))
            }
            waitForRequestsInFlight(upTo: gracePeriod)
            MHD_stop_daemon(running)
            // After a quiesce the listening socket is ours to close, and only after the stop.
            if listener >= 0 {
                close(listener)
            }
            daemon = nil
        }
    }

    /// Sleeps in steps of 5 ms until no request is in flight or `gracePeriod` has passed.
    private func waitForRequestsInFlight(upTo gracePeriod: Duration) {
        let clock = ContinuousClock()
        let deadline = clock.now + gracePeriod
        while dispatcher.requestsInFlight > 0, clock.now < deadline {
            usleep(5000)
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
