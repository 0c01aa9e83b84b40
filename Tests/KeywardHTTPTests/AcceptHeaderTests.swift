import KeywardHTTP
import Testing

@Suite struct AcceptHeaderTests {
    @Test(arguments: [nil, "", "  "])
    func absentOrBlankHeaderAcceptsEverything(_ value: String?) {
        let accept = AcceptHeader(value)
        #expect(accept.accepts("application/json"))
        #expect(accept.accepts("application/x-pkcs7-certificates"))
        #expect(
            accept.preferred(among: ["application/x-x509-ca-cert", "application/json"]) == "application/x-x509-ca-cert"
        )
    }

    @Test func listOfTypesAsPingOneClientsSendItAcceptsEachAndPrefersTheFirstOffered() {
        let accept = AcceptHeader("application/x-x509-ca-cert, application/json")
        #expect(accept.accepts("application/x-x509-ca-cert"))
        #expect(accept.accepts("application/json"))
        #expect(!accept.accepts("application/x-pkcs7-certificates"))
        #expect(accept.preferred(among: ["application/json", "application/x-x509-ca-cert"]) == "application/json")
        #expect(
            accept.preferred(among: ["application/x-x509-ca-cert", "application/json"]) == "application/x-x509-ca-cert"
        )
        #expect(accept.preferred(among: ["application/pkcs10"]) == nil)
    }

    @Test func higherWeightWinsWhateverTheOrderOffered() {
        let accept = AcceptHeader("application/json;q=0.5, application/x-pem-file")
        #expect(accept.preferred(among: ["application/json", "application/x-pem-file"]) == "application/x-pem-file")
    }

    @Test func weightZeroExcludesAType() {
        let accept = AcceptHeader("*/*, application/json; q=0")
        #expect(!accept.accepts("application/json"))
        #expect(accept.accepts("application/pkcs10"))
        #expect(accept.preferred(among: ["application/json", "application/pkcs10"]) == "application/pkcs10")
        #expect(AcceptHeader("application/json;q=0").preferred(among: ["application/json"]) == nil)
    }

    @Test func wildcardsMatchByTypeAndTheMostSpecificRangeDecides() {
        let accept = AcceptHeader("text/*;q=0.3, text/plain;q=0.7, */*;q=0.1")
        #expect(accept.accepts("image/png"))
        #expect(accept.preferred(among: ["image/png", "text/html"]) == "text/html")
        #expect(accept.preferred(among: ["text/html", "text/plain"]) == "text/plain")
        #expect(!AcceptHeader("text/*").accepts("application/json"))
        #expect(AcceptHeader("*").accepts("application/json"))
    }

    @Test func matchingIgnoresCaseSpacesAndOtherParameters() {
        let accept = AcceptHeader(" Application/JSON ; charset=utf-8 ;Q=0.8 ,text/plain")
        #expect(accept.accepts("application/json"))
        #expect(accept.accepts("application/json; charset=utf-8"))
        #expect(accept.preferred(among: ["application/json", "text/plain"]) == "text/plain")
    }

    @Test(arguments: ["application/json;q=2", "application/json;q=abc", "json", "*/json"])
    func elementThatDoesNotParseIsIgnored(_ element: String) {
        let accept = AcceptHeader("\(element), application/pkcs10")
        #expect(!accept.accepts("application/json"))
        #expect(accept.accepts("application/pkcs10"))
    }
}

@Suite struct MediaTypeTests {
    @Test func essenceIsTheLowerCasedTypeWithoutParameters() {
        #expect(MediaType.essence(of: "Multipart/Form-Data; boundary=AbC") == "multipart/form-data")
        #expect(MediaType.essence(of: " application/json ") == "application/json")
        #expect(MediaType.essence(of: "application/x-www-form-urlencoded;charset=UTF-8") == MediaType.formURLEncoded)
    }

    @Test(arguments: [nil, "", "json", "application/", "/json", "a/b/c", "text /plain"])
    func essenceOfSomethingThatIsNoMediaTypeIsNil(_ value: String?) {
        #expect(MediaType.essence(of: value) == nil)
    }
}
