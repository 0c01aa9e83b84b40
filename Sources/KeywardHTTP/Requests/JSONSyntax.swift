/// A JSON syntax check (RFC 8259) that says where a body goes wrong.
///
/// Foundation's decoder on Linux reports any syntax error, and a number that does not fit an
/// `Int` member (`1.5`, `1e400`), only as "The given data was not valid JSON.", without a
/// position or a member. This check tells the two apart: a malformed body fails with its line,
/// column and byte offset; a well-formed one yields the members (`a.b[0]`) holding a number that
/// is not an integer of `Int`'s range.
struct JSONSyntax {
    /// Where and why the body is not JSON. `line` and `column` count from 1; `column` is in bytes.
    struct Failure: Error, Equatable {
        let offset: Int
        let line: Int
        let column: Int
        let reason: String

        var description: String { "\(reason) at line \(line), column \(column) (byte \(offset))" }
    }

    /// Deeper nesting is refused, so that a hostile body cannot exhaust the stack.
    static let maximumDepth = 512

    private let bytes: [UInt8]
    private var index = 0
    private var path: [String] = []
    private var nonIntegers: [String] = []

    private init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The members holding a non-integer number, in document order, or where the syntax fails.
    static func check(_ bytes: [UInt8]) -> Result<[String], Failure> {
        var scanner = JSONSyntax(bytes)
        do throws(Failure) {
            scanner.skipSpace()
            try scanner.value(depth: 0)
            scanner.skipSpace()
            guard scanner.index == bytes.count else { throw scanner.failure("unexpected text after the JSON value") }
            return .success(scanner.nonIntegers)
        } catch {
            return .failure(error)
        }
    }

    private func failure(_ reason: String) -> Failure {
        let before = bytes[..<min(index, bytes.count)]
        let line = before.count { $0 == UInt8(ascii: "\n") } + 1
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        return Failure(offset: index, line: line, column: index - lineStart + 1, reason: reason)
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipSpace() {
        while let byte = current, [0x20, 0x09, 0x0A, 0x0D].contains(byte) { index += 1 }
    }

    private mutating func expect(_ character: Character) throws(Failure) {
        guard current == character.asciiValue else { throw failure("expected '\(character)'") }
        index += 1
    }

    private mutating func value(depth: Int) throws(Failure) {
        guard depth < Self.maximumDepth else { throw failure("nesting deeper than \(Self.maximumDepth) levels") }
        guard let byte = current else { throw failure("unexpected end of the body") }
        switch byte {
        case UInt8(ascii: "{"): try object(depth: depth)
        case UInt8(ascii: "["): try array(depth: depth)
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default: throw failure("unexpected character")
        }
    }

    private mutating func object(depth: Int) throws(Failure) {
        index += 1
        skipSpace()
        if current == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipSpace()
            guard current == UInt8(ascii: "\"") else { throw failure("expected a member name in double quotes") }
            let name = try string()
            skipSpace()
            try expect(":")
            skipSpace()
            path.append(name)
            try value(depth: depth + 1)
            path.removeLast()
            skipSpace()
            if current == UInt8(ascii: ",") {
                index += 1
                continue
            }
            try expect("}")
            return
        }
    }

    private mutating func array(depth: Int) throws(Failure) {
        index += 1
        skipSpace()
        if current == UInt8(ascii: "]") {
            index += 1
            return
        }
        var element = 0
        while true {
            skipSpace()
            path.append("[\(element)]")
            try value(depth: depth + 1)
            path.removeLast()
            element += 1
            skipSpace()
            if current == UInt8(ascii: ",") {
                index += 1
                continue
            }
            try expect("]")
            return
        }
    }

    /// Reads a string and returns its text (escapes other than `\uXXXX` decoded; enough for names).
    private mutating func string() throws(Failure) -> String {
        index += 1
        var text: [UInt8] = []
        while true {
            guard let byte = current else { throw failure("unterminated string") }
            switch byte as UInt8 {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                guard let escaped = current else { throw failure("unterminated string") }
                if escaped == UInt8(ascii: "u") {
                    for _ in 0..<4 {
                        index += 1
                        guard let hex = current, hex.isHexDigit else { throw failure("invalid \\u escape") }
                    }
                } else {
                    guard Array(#""\/bfnrt"#.utf8).contains(escaped) else { throw failure("invalid escape") }
                    text.append(escaped)
                }
                index += 1
            case 0x00...0x1F:
                throw failure("control character in a string")
            default:
                text.append(byte)
                index += 1
            }
        }
    }

    private mutating func literal(_ word: String) throws(Failure) {
        for byte in word.utf8 {
            guard current == byte else { throw failure("unexpected character") }
            index += 1
        }
    }

    private mutating func number() throws(Failure) {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current, first.isDigit else { throw failure("invalid number") }
        index += 1
        if first != UInt8(ascii: "0") {
            while current?.isDigit == true { index += 1 }
        }
        if current == UInt8(ascii: ".") {
            index += 1
            guard current?.isDigit == true else { throw failure("invalid number") }
            while current?.isDigit == true { index += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard current?.isDigit == true else { throw failure("invalid number") }
            while current?.isDigit == true { index += 1 }
        }
        if Int(String(decoding: bytes[start..<index], as: UTF8.self)) == nil {
            nonIntegers.append(path.isEmpty ? "body" : path.joined(separator: ".").replacing(".[", with: "["))
        }
    }
}

extension UInt8 {
    fileprivate var isDigit: Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) }
    fileprivate var isHexDigit: Bool {
        isDigit || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(self)
    }
}
