import Testing

@testable import KeywardHTTP

@Suite("JSON syntax positions")
struct JSONSyntaxTests {
    private func failure(_ text: String) -> JSONSyntax.Failure? {
        if case .failure(let failure) = JSONSyntax.check(Array(text.utf8)) { return failure }
        return nil
    }

    @Test(arguments: [
        #"{"name": "x"}"#, "[]", "{}", "  [1, -2, true, false, null, \"\\u00e9\\n\"] ", "0", #""text""#,
    ])
    func validJSONHasNoError(_ text: String) {
        #expect(failure(text) == nil)
    }

    @Test func errorsNameTheLineAndColumn() throws {
        let found = try #require(failure("{\n  \"keyLength\": 20,48\n}"))
        #expect(found.line == 2)
        #expect(found.column == 19)
    }

    @Test(arguments: [
        (#"{"a": }"#, 1, 7), (#"{"a""#, 1, 5), ("[1,2", 1, 5), ("nul", 1, 4), (#"{"a": 1,}"#, 1, 9),
        ("[1] x", 1, 5), ("", 1, 1),
    ])
    func malformedTextsAreLocated(_ text: String, line: Int, column: Int) {
        let found = failure(text)
        #expect(found?.line == line, "\(text): \(String(describing: found))")
        #expect(found?.column == column, "\(text): \(String(describing: found))")
    }

    @Test func wellFormedNonIntegersAreNamedByMember() {
        guard case .success(let members) = JSONSyntax.check(Array(#"{"a": {"b": [1, 2.5]}, "c": 1e400}"#.utf8))
        else {
            Issue.record("valid JSON was refused")
            return
        }
        #expect(members == ["a.b[1]", "c"])
    }

    @Test func deepNestingIsRefusedWithoutExhaustingTheStack() {
        let text = String(repeating: "[", count: 100_000)
        #expect(failure(text)?.reason.contains("deep") == true || failure(text)?.reason.contains("nest") == true)
    }
}
