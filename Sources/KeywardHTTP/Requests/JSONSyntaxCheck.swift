/// Finds where a JSON text (RFC 8259) first goes wrong, for the 400 answer to a malformed body.
///
/// `JSONDecoder` says only that the data "was not valid JSON"; a client needs the place. This
/// scanner runs only after the decoder has refused a body; it checks syntax (no values are
/// built), nesting at most `maximumDepth` deep, and reports line and column (1-based, in bytes).
struct JSONSyntaxCheck {
    struct Failure: Error, Equatable {
        let line: Int
        let column: Int
        let reason: String

        var description: String { "\(reason) at line \(line), column \(column)" }
    }

    static let maximumDepth = 512

    private let bytes: [UInt8]
    private var index = 0

    /// The first syntax error of `bytes`, or `nil` when they are valid JSON.
    static func firstError(in bytes: [UInt8]) -> Failure? {
        var scanner = JSONSyntaxCheck(bytes: bytes)
        do throws(Failure) {
            try scanner.value(depth: 0)
            scanner.skipWhitespace()
            if scanner.index < bytes.count { throw scanner.failure("unexpected text after the JSON value") }
            return nil
        } catch {
            return error
        }
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func value(depth: Int) throws(Failure) {
        skipWhitespace()
        guard depth < Self.maximumDepth else { throw failure("nesting deeper than \(Self.maximumDepth) levels") }
        guard let byte = current else { throw failure("unexpected end of the body; a value was expected") }
        switch byte {
        case UInt8(ascii: "{"): try object(depth: depth)
        case UInt8(ascii: "["): try array(depth: depth)
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default: throw failure("unexpected character '\(Self.show(byte))'; a value was expected")
        }
    }

    private mutating func object(depth: Int) throws(Failure) {
        index += 1
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw failure(expected: "a member name in double quotes") }
            try string()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw failure(expected: "':' after the member name") }
            index += 1
            try value(depth: depth + 1)
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard current == UInt8(ascii: "}") else { throw failure(expected: "',' or '}'") }
            index += 1
            return
        }
    }

    private mutating func array(depth: Int) throws(Failure) {
        index += 1
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            try value(depth: depth + 1)
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard current == UInt8(ascii: "]") else { throw failure(expected: "',' or ']'") }
            index += 1
            return
        }
    }

    private mutating func string() throws(Failure) {
        index += 1
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return
            case UInt8(ascii: "\\"):
                index += 1
                guard let escaped = current else { break }
                if escaped == UInt8(ascii: "u") {
                    for _ in 0..<4 {
                        index += 1
                        guard let digit = current, Self.isHexDigit(digit) else {
                            throw failure("a \\u escape needs four hexadecimal digits")
                        }
                    }
                } else if !Array(#""\/bfnrt"#.utf8).contains(escaped) {
                    throw failure("unknown escape '\\\(Self.show(escaped))' in a string")
                }
                index += 1
            case 0..<0x20:
                throw failure("a control character must be escaped in a string")
            default:
                index += 1
            }
        }
        throw failure("unexpected end of the body inside a string")
    }

    private mutating func number() throws(Failure) {
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current, Self.isDigit(first) else { throw failure(expected: "a digit") }
        index += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        if current == UInt8(ascii: ".") {
            index += 1
            guard let digit = current, Self.isDigit(digit) else { throw failure(expected: "a digit after '.'") }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard let digit = current, Self.isDigit(digit) else { throw failure(expected: "a digit in the exponent") }
            skipDigits()
        }
    }

    private mutating func literal(_ word: String) throws(Failure) {
        for expected in word.utf8 {
            guard current == expected else { throw failure(expected: "'\(word)'") }
            index += 1
        }
    }

    private mutating func skipDigits() {
        while let byte = current, Self.isDigit(byte) { index += 1 }
    }

    private mutating func skipWhitespace() {
        while let byte = current, [0x20, 0x09, 0x0A, 0x0D].contains(byte) { index += 1 }
    }

    private func failure(expected: String) -> Failure {
        guard let byte = current else { return failure("unexpected end of the body; expected \(expected)") }
        return failure("unexpected character '\(Self.show(byte))'; expected \(expected)")
    }

    private func failure(_ reason: String) -> Failure {
        var line = 1
        var column = 1
        for byte in bytes[..<min(index, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return Failure(line: line, column: column, reason: reason)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }

    private static func show(_ byte: UInt8) -> String {
        (0x20..<0x7F).contains(byte) ? String(UnicodeScalar(byte)) : "\\u{\(String(byte, radix: 16))}"
    }
}
