import KeywardHTTP
import Testing

@Suite struct HTTPHeadersTests {
    @Test func lookupIgnoresTheCaseOfTheName() {
        let headers: HTTPHeaders = ["Content-Type": "application/json"]
        #expect(headers["content-type"] == "application/json")
        #expect(headers["CONTENT-TYPE"] == "application/json")
        #expect(headers["Content-Length"] == nil)
    }

    @Test func repeatedHeaderKeepsEveryValueInOrder() {
        var headers = HTTPHeaders()
        headers.add(name: "Accept", value: "application/json")
        headers.add(name: "accept", value: "application/x-pem-file")
        #expect(headers["Accept"] == "application/json")
        #expect(headers.values(for: "ACCEPT") == ["application/json", "application/x-pem-file"])
    }

    @Test func setReplacesEveryFieldOfThatNameWhateverItsCase() {
        var headers: HTTPHeaders = ["x-request-id": "old"]
        headers.set(name: "X-Request-Id", value: "new")
        #expect(headers.fields == [HTTPHeaders.Field(name: "X-Request-Id", value: "new")])
    }
}
