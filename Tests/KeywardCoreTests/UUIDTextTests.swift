import Foundation
import KeywardCore
import Testing

@Suite("UUID text")
struct UUIDTextTests {
    @Test func formatsAndParsesAsFoundationDoes() {
        for _ in 0..<1000 {
            let id = UUID()
            #expect(id.lowercaseString == id.uuidString.lowercased())
            #expect(UUID(text: id.uuidString) == id)
            #expect(UUID(text: id.lowercaseString) == id)
        }
    }

    @Test(arguments: [
        "", "not-a-uuid", "8a1c6f2e-0d4b-4b7e-9c55-3e2f1a0b9d7", "8a1c6f2e-0d4b-4b7e-9c55-3e2f1a0b9d777",
        "8a1c6f2e0d4b-4b7e-9c55-3e2f1a0b9d77-", "8a1c6f2e-0d4b-4b7e-9c55-3e2f1a0b9d7g",
        "{8a1c6f2e-0d4b-4b7e-9c55-3e2f1a0b9d7}",
        "8a1c6f2e-0d4b-4b7e-9c55_3e2f1a0b9d77",
    ])
    func refusesAnythingButTheCanonicalForm(_ text: String) {
        #expect(UUID(text: text) == nil)
        #expect(UUID(uuidString: text) == nil)
    }
}
