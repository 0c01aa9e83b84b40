import KeywardCore
import KeywardHTTP
import Testing

@Suite struct HealthResourceTests {
    @Test func healthAnswersUpWithTheBuildVersionAsJSON() throws {
        let response = TestClient().execute(.get, "/health")
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(response.headers["X-Request-Id"] != nil)
        let body = try decodeJSON(HealthBody.self, from: response.body)
        #expect(body == HealthBody(status: "UP", version: KeywardVersion.current))
    }

    @Test func healthIgnoresQueryItems() {
        #expect(TestClient().execute(.get, "/health?verbose=true").status == .ok)
    }
}
