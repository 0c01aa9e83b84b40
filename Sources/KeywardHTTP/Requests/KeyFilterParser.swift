import KeywardCore
import KeywardCrypto

/// Reads the SCIM-style `filter` of the key list: `algorithm eq "RSA"`, `status eq "VALID"`,
/// or both joined by `and` (operators and `and` in any case). Anything else is refused with
/// `INVALID_FILTER`, naming the supported attributes and operator.
enum KeyFilterParser {
    static let supportedAttributes = ["algorithm", "status"]

    static func parse(_ text: String) throws(HTTPError) -> KeyFilter {
        var filter = KeyFilter()
        let clauses = try split(text)
        for clause in clauses {
            let (attribute, value) = try condition(clause)
            switch attribute {
            case "algorithm":
                guard filter.algorithm == nil, let algorithm = KeyAlgorithm(rawValue: value) else {
                    throw .invalidFilter(reason: "algorithm must be RSA or EC, once")
                }
                filter.algorithm = algorithm
            case "status":
                guard filter.status == nil, let status = KeyStatus(rawValue: value) else {
                    let allowed = KeyStatus.allCases.map(\.rawValue).joined(separator: ", ")
                    throw .invalidFilter(reason: "status must be one of \(allowed), once")
                }
                filter.status = status
            default:
                throw .invalidFilter(
                    reason: "'\(attribute)' cannot be filtered on; supported: algorithm eq, status eq"
                )
            }
        }
        return filter
    }

    /// The clauses between ` and ` (outside quotes).
    private static func split(_ text: String) throws(HTTPError) -> [String] {
        var clauses: [String] = []
        var current = ""
        var inQuotes = false
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        for word in words {
            let quotes = word.filter { $0 == "\"" }.count
            if !inQuotes && word.lowercased() == "and" {
                guard !current.isEmpty else { throw .invalidFilter(reason: "'and' needs a condition on each side") }
                clauses.append(current)
                current = ""
                continue
            }
            current += current.isEmpty ? String(word) : " " + word
            if quotes % 2 == 1 { inQuotes.toggle() }
        }
        guard !current.isEmpty, !inQuotes else { throw .invalidFilter(reason: "the filter is incomplete") }
        clauses.append(current)
        return clauses
    }

    /// `attribute eq "value"` → (attribute, value).
    private static func condition(_ clause: String) throws(HTTPError) -> (String, String) {
        let parts = clause.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count == 3 else {
            throw .invalidFilter(reason: "'\(clause)' is not of the form attribute eq \"value\"")
        }
        guard parts[1].lowercased() == "eq" else {
            throw .invalidFilter(reason: "operator '\(parts[1])' is not supported; use eq")
        }
        let quoted = parts[2]
        guard quoted.count >= 2, quoted.first == "\"", quoted.last == "\"" else {
            throw .invalidFilter(reason: "the value of \(parts[0]) must be in double quotes")
        }
        return (String(parts[0]), String(quoted.dropFirst().dropLast()))
    }
}
