import Testing

@testable import KeywardHTTP

@Suite("JSON syntax positions")
struct JSONSyntaxCheckTests {
    @Test(arguments: [
        #"{"name": "x"}"#, "[]", "{}", "  [1, -2.5e+3, true, false, null, \"\\u00e9\\n\"] ", "0", #""text""#,
    ])
    func validJSONHasNoError(_ text: String) {
        #expect(JSONSyntaxCheck.firstError(in: Array(text.utf8)) == nil)
    }

    @Test func errorsNameTheLineAndColumn() {
        let failure = JSONSyntaxCheck.firstError(in: Array("{\n  \"keyLength\": 20,48\n}".utf8))
        #expect(failure?.line == 2)
        #expect(failure?.column == 19)
        #expect(failure?.reason == "unexpected character '4'; expected a member name in double quotes")
    }

    @Test(arguments: [
        (#"{"a": }"#, 1, 7), (#"{"a""#, 1, 5), ("[1,2", 1, 5), ("nul", 1, 4), (#"{"a": 1,}"#, 1, 9),
        ("01", 1, 2), (#"{"a": "\x"}"#, 1, 9), ("[1] x", 1, 5), ("", 1, 1), ("-", 1, 2),
    ])
    func malformedTextsAreLocated(_ text: String, line: Int, column: Int) {
        let failure = JSONSyntaxCheck.firstError(in: Array(text.utf8))
        #expect(failure?.line == line, "\(text): \(String(describing: failure))")
        #expect(failure?.column == column, "\(text): \(String(describing: failure))")
    }

    @Test func deepNestingIsRefusedWithoutExhaustingTheStack() {
        let text = String(repeating: "[", count: 100_000)
        #expect(JSONSyntaxCheck.firstError(in: Array(text.utf8))?.reason.contains("nesting") == true)
    }
}
