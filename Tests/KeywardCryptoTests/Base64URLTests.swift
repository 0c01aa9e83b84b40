import Foundation
import KeywardCrypto
import Testing

@Suite struct Base64URLTests {
    @Test func rfc7515AppendixCExampleEncodesAndDecodes() {
        // RFC 7515 Appendix C: the octets 3, 236, 255, 224, 193 are "A-z_4ME".
        #expect(Base64URL.encode([3, 236, 255, 224, 193]) == "A-z_4ME")
        #expect(Base64URL.decode("A-z_4ME") == [3, 236, 255, 224, 193])
    }

    @Test func everyLengthAndByteValueRoundTripsWithoutPadding() throws {
        for length in 0..<70 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 37 + length) }
            let text = Base64URL.encode(bytes)
            #expect(!text.contains("=") && !text.contains("+") && !text.contains("/"))
            #expect(Base64URL.decode(text) == bytes)
            let standard = Data(bytes).base64EncodedString()
            #expect(text == standard.replacingOccurrences(of: "=", with: "").map(Self.urlSafe).joined())
        }
        let all = (0...255).map { UInt8($0) }
        #expect(Base64URL.decode(Base64URL.encode(all)) == all)
        #expect(Base64URL.decode(Substring("AQAB")) == [1, 0, 1])
    }

    static func urlSafe(_ character: Character) -> String {
        character == "+" ? "-" : character == "/" ? "_" : String(character)
    }

    @Test(arguments: [
        "A+z_4ME", "A-z/4ME", "A-z_4ME=", "AQAB==", "AQ==", "A-z 4ME", "A-z_4ME\n", "é", "AQA.", "A", "AQABA",
        // Non-zero unused bits: "AR" would decode to the same byte as "AQ".
        "AR", "AQB",
    ])
    func invalidTextIsRejected(_ text: String) {
        #expect(Base64URL.decode(text) == nil)
    }

    @Test func emptyTextIsTheEmptyByteString() {
        #expect(Base64URL.encode([UInt8]()) == "")
        #expect(Base64URL.decode("") == [])
    }

    @Test func clientSecretsAre64Base64URLCharactersOf48RandomBytes() throws {
        let first = try ClientSecret.generate()
        let second = try ClientSecret.generate()
        #expect(first.count == 64)
        #expect(Base64URL.decode(first)?.count == 48)
        #expect(first != second)
    }
}
