#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SIGINT and SIGTERM, taken synchronously with `sigwait` instead of by a handler.
///
/// `block()` must run before any thread starts: threads inherit the mask, so the signals
/// stay pending for the process until `waitForSignal()` takes one, whichever thread the
/// kernel would have chosen.
struct ShutdownSignals {
    private var signals = sigset_t()

    /// Blocks SIGINT and SIGTERM in the calling thread and every thread it starts afterwards.
    static func block() -> ShutdownSignals {
        var shutdown = ShutdownSignals()
        sigemptyset(&shutdown.signals)
        sigaddset(&shutdown.signals, SIGINT)
        sigaddset(&shutdown.signals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &shutdown.signals, nil)
        return shutdown
    }

    /// Sleeps until SIGINT or SIGTERM arrives and returns its number.
    func waitForSignal() -> Int32 {
        var signals = self.signals
        var received: Int32 = 0
        while sigwait(&signals, &received) != 0 {}
        return received
    }
}
