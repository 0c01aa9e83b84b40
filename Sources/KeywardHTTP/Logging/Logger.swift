#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A small leveled logger: one line per event, `<UTC time> <level> <message>`, on standard
/// error unless a sink is given (tests collect lines).
///
/// Never log request bodies or `Authorization` headers: the access line carries only the
/// method, path, status, duration and request id.
public struct Logger: Sendable {
    /// Receives each finished line, without the newline.
    public typealias Sink = @Sendable (String) -> Void

    /// The most detailed level written; lines of a more detailed level are dropped.
    public let level: LogLevel
    private let sink: Sink

    /// A logger writing lines at `level` and below to `sink`, or to standard error when `nil`.
    public init(level: LogLevel = .info, sink: Sink? = nil) {
        self.level = level
        self.sink = sink ?? { StandardError.writeLine($0) }
    }

    /// True when lines of `level` are written; check it before building an expensive message.
    public func isEnabled(_ level: LogLevel) -> Bool {
        level <= self.level
    }

    /// Writes `message` at `level`, if enabled. The message is built only then.
    public func log(_ level: LogLevel, _ message: @autoclosure () -> String) {
        guard isEnabled(level) else { return }
        sink("\(Self.timestamp()) \(level.rawValue) \(message())")
    }

    public func error(_ message: @autoclosure () -> String) { log(.error, message()) }
    public func warn(_ message: @autoclosure () -> String) { log(.warn, message()) }
    public func info(_ message: @autoclosure () -> String) { log(.info, message()) }
    public func debug(_ message: @autoclosure () -> String) { log(.debug, message()) }

    /// The access line of one answered request: `access GET /path 200 1.25ms id=<request id>`.
    ///
    /// The path is the client's, so control characters and spaces are escaped to keep one
    /// event on one line.
    func access(method: String, path: String, status: Int, milliseconds: Double, requestID: String) {
        log(
            .info,
            "access \(Self.escaped(method)) \(Self.escaped(path)) \(status) "
                + "\(Self.formatted(milliseconds))ms id=\(requestID)"
        )
    }

    /// `text` with bytes outside printable ASCII (and spaces) as `%XX`, so a log line cannot be forged.
    static func escaped(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            if byte > 0x20, byte < 0x7F, byte != UInt8(ascii: "%") {
                bytes.append(byte)
            } else {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Milliseconds with two decimals, e.g. `0.42`.
    private static func formatted(_ milliseconds: Double) -> String {
        let hundredths = Int((milliseconds * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// The current UTC time as ISO 8601 with milliseconds, e.g. `2026-12-04T10:15:30.123Z`.
    private static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func padded(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let date = "\(padded(parts.tm_year + 1900, 4))-\(padded(parts.tm_mon + 1, 2))-\(padded(parts.tm_mday, 2))"
        let time = "\(padded(parts.tm_hour, 2)):\(padded(parts.tm_min, 2)):\(padded(parts.tm_sec, 2))"
        return "\(date)T\(time).\(padded(Int32(now.tv_nsec / 1_000_000), 3))Z"
    }
}
