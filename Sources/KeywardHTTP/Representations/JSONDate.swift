#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Times as PingOne writes them: UTC, ISO 8601, milliseconds, `Z` (`2026-12-04T10:15:30.123Z`).
enum JSONDate {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func string(_ date: Date) -> String {
        date.formatted(style)
    }
}
