/// Reads the RFC 4514 string form of a distinguished name, byte by byte over UTF-8.
struct DistinguishedNameParser {
    private let bytes: [UInt8]
    private var index = 0
    private let text: String

    init(_ text: String) {
        self.text = text
        bytes = Array(text.utf8)
    }

    private static let special: Set<UInt8> = Set("\"+,;<>\\=# ".utf8)

    mutating func parse() throws(CryptoError) -> [[DistinguishedName.Attribute]] {
        guard bytes.count <= 4096 else { throw invalid("the name is longer than 4096 bytes") }
        var names: [[DistinguishedName.Attribute]] = []
        skipSpaces()
        if index == bytes.count { throw invalid("the name is empty") }
        var current: [DistinguishedName.Attribute] = []
        while true {
            current.append(try parseAttribute())
            skipSpaces()
            guard index < bytes.count else { break }
            let separator = bytes[index]
            index += 1
            if separator == UInt8(ascii: "+") {
                skipSpaces()
                continue
            }
            guard separator == UInt8(ascii: ",") || separator == UInt8(ascii: ";") else {
                throw invalid("unexpected character after a value")
            }
            names.append(current)
            current = []
            skipSpaces()
            if index == bytes.count { throw invalid("the name ends with a separator") }
        }
        names.append(current)
        return names
    }

    private mutating func parseAttribute() throws(CryptoError) -> DistinguishedName.Attribute {
        let typeStart = index
        while index < bytes.count && bytes[index] != UInt8(ascii: "=") { index += 1 }
        guard index < bytes.count else { throw invalid("an attribute has no '='") }
        let rawType = String(decoding: bytes[typeStart..<index], as: UTF8.self).trimmingSpaces()
        index += 1
        guard !rawType.isEmpty else { throw invalid("an attribute has no type before '='") }
        guard let type = AttributeType.canonical(rawType) else {
            throw invalid("unknown attribute type '\(rawType)'")
        }
        skipSpaces()
        if index < bytes.count && bytes[index] == UInt8(ascii: "#") {
            throw invalid("hex-encoded (#...) values are not supported")
        }
        return DistinguishedName.Attribute(type: type, value: try parseValue())
    }

    /// Reads up to an unescaped `,`, `;` or `+`; unescaped trailing spaces are not part of the value.
    private mutating func parseValue() throws(CryptoError) -> String {
        var value: [UInt8] = []
        var keptLength = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "+") { break }
            index += 1
            if byte == UInt8(ascii: "\\") {
                value.append(try parseEscape())
                keptLength = value.count
            } else if byte == UInt8(ascii: "\"") {
                throw invalid("a '\"' in a value must be escaped as \\\"")
            } else {
                value.append(byte)
                if byte != UInt8(ascii: " ") { keptLength = value.count }
            }
        }
        let kept = value.prefix(keptLength)
        guard let decoded = String(validating: kept, as: UTF8.self) else {
            throw invalid("a value is not valid UTF-8")
        }
        return decoded
    }

    private mutating func parseEscape() throws(CryptoError) -> UInt8 {
        guard index < bytes.count else { throw invalid("the name ends with a lone '\\'") }
        let next = bytes[index]
        if Self.special.contains(next) {
            index += 1
            return next
        }
        guard index + 1 < bytes.count, let high = hexValue(bytes[index]), let low = hexValue(bytes[index + 1]) else {
            throw invalid("'\\' must be followed by a special character or two hex digits")
        }
        index += 2
        return high << 4 | low
    }

    private func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private mutating func skipSpaces() {
        while index < bytes.count && bytes[index] == UInt8(ascii: " ") { index += 1 }
    }

    private func invalid(_ reason: String) -> CryptoError {
        .malformedInput(format: "distinguished name", reason: reason)
    }
}

extension String {
    /// The string without leading and trailing spaces.
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()
        return String(String.UnicodeScalarView(scalars))
    }
}
