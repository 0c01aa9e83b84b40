#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One-line JSON output for scripts (`--json`).
enum JSONLine {
    /// A JSON object with sorted keys, followed by a newline.
    static func object(_ fields: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(fields) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
