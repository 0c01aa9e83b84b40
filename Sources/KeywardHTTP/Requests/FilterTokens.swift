/// The words, quoted strings and list punctuation of a SCIM-style filter, read one at a time.
struct FilterTokens {
    private enum Token: Equatable {
        case word(String)
        case quoted(String)
        case punctuation(Character)
    }

    private var tokens: [Token]
    private var position = 0

    /// Splits `text`; an unterminated quote is `INVALID_FILTER`.
    init(_ text: String) throws(HTTPError) {
        var tokens: [Token] = []
        var characters = text[...]
        while let character = characters.first {
            if character.isWhitespace {
                characters.removeFirst()
            } else if "[](),".contains(character) {
                tokens.append(.punctuation(character))
                characters.removeFirst()
            } else if character == "\"" {
                characters.removeFirst()
                var value = ""
                var closed = false
                while let next = characters.popFirst() {
                    if next == "\\", let escaped = characters.popFirst() {
                        value.append(escaped)
                    } else if next == "\"" {
                        closed = true
                        break
                    } else {
                        value.append(next)
                    }
                }
                guard closed else { throw .invalidFilter(reason: "a quoted value is not closed") }
                tokens.append(.quoted(value))
            } else {
                let word = characters.prefix { !$0.isWhitespace && !"[](),\"".contains($0) }
                tokens.append(.word(String(word)))
                characters.removeFirst(word.count)
            }
        }
        guard !tokens.isEmpty else { throw .invalidFilter(reason: "the filter is empty") }
        self.tokens = tokens
    }

    var isAtEnd: Bool { position == tokens.count }

    /// The next token, for an error message.
    func describeNext() -> String {
        guard position < tokens.count else { return "the end" }
        switch tokens[position] {
        case .word(let word): return "'\(word)'"
        case .quoted(let value): return "\"\(value)\""
        case .punctuation(let character): return "'\(character)'"
        }
    }

    /// An unquoted word (attribute or operator); `what` names it in the error.
    mutating func word(_ what: String) throws(HTTPError) -> String {
        guard position < tokens.count, case .word(let word) = tokens[position] else {
            throw .invalidFilter(reason: "expected \(what), found \(describeNext())")
        }
        position += 1
        return word
    }

    /// A double-quoted value of `attribute`.
    mutating func quoted(_ attribute: String) throws(HTTPError) -> String {
        guard position < tokens.count, case .quoted(let value) = tokens[position] else {
            throw .invalidFilter(reason: "the value of \(attribute) must be in double quotes")
        }
        position += 1
        return value
    }

    /// `["a", "b"]` or `("a", "b")`: at least one quoted value.
    mutating func list(_ attribute: String) throws(HTTPError) -> [String] {
        guard position < tokens.count, case .punctuation(let open) = tokens[position], open == "[" || open == "("
        else { throw .invalidFilter(reason: "\(attribute) in takes a list: [\"A\", \"B\"]") }
        let close: Character = open == "[" ? "]" : ")"
        position += 1
        var values: [String] = []
        while true {
            values.append(try quoted(attribute))
            guard position < tokens.count, case .punctuation(let next) = tokens[position] else {
                throw .invalidFilter(reason: "the list of \(attribute) is not closed")
            }
            position += 1
            if next == close { return values }
            guard next == "," else { throw .invalidFilter(reason: "the list of \(attribute) is malformed") }
        }
    }

    /// Consumes `and` (any case) when it is next.
    mutating func takeAnd() throws(HTTPError) -> Bool {
        guard position < tokens.count, case .word(let word) = tokens[position], word.lowercased() == "and" else {
            return false
        }
        position += 1
        guard position < tokens.count else { throw .invalidFilter(reason: "'and' needs a condition on each side") }
        return true
    }
}
