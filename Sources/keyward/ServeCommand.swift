import KeywardCore
import KeywardHTTP

/// `keyward serve`: runs the HTTP API until SIGINT or SIGTERM, then stops cleanly.
enum ServeCommand {
    static func run(_ arguments: [String]) -> Int32 {
        let options: ServeOptions
        do {
            options = try ServeOptions(arguments: arguments)
        } catch {
            StandardStreams.error("keyward: \(error.message)\n\n\(Usage.text)")
            return Usage.exitStatus
        }
        if options.wantsHelp {
            StandardStreams.out(Usage.text)
            return 0
        }

        let signals = ShutdownSignals.block()  // before the server starts its threads
        let server: HTTPServer
        do {
            let configuration = HTTPServerConfiguration(host: options.host, port: options.port)
            server = try HTTPServer(configuration: configuration, router: Routes.makeRouter())
        } catch {
            StandardStreams.error("keyward: \(error)\n")
            return 1
        }
        StandardStreams.out(
            "Keyward \(KeywardVersion.current) listening on http://\(server.host):\(server.port)"
                + " (this build serves GET /health only)\n"
        )
        let signal = signals.waitForSignal()
        server.stop()
        StandardStreams.error("keyward: stopped on signal \(signal)\n")
        return 0
    }
}
