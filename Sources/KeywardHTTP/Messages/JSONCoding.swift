#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The one place that configures how KeywardHTTP writes JSON, so every resource writes it alike.
enum JSONCoding {
    /// The media type of every JSON body Keyward sends.
    static let contentType = "application/json"

    /// An encoder with sorted keys, so bodies are byte-for-byte stable between runs.
    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
