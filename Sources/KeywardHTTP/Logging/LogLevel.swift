/// How much the server logs, from least to most: each level includes those before it.
public enum LogLevel: String, Sendable, CaseIterable, Comparable {
    /// Failures only: 5xx errors and what stops the server.
    case error
    /// Also what an operator should look at but that did not fail a request.
    case warn
    /// Also one access line per request (the default).
    case info
    /// Also details useful when chasing a problem, such as why a form body was refused.
    case debug

    private var rank: Int {
        switch self {
        case .error: 0
        case .warn: 1
        case .info: 2
        case .debug: 3
        }
    }

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool {
        lhs.rank < rhs.rank
    }
}
