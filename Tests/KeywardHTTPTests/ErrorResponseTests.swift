import KeywardHTTP
import Testing

/// The new HTTPError cases, as a client sees them through the router.
@Suite struct ErrorResponseTests {
    private func response(throwing error: HTTPError) throws -> (HTTPResponse, ErrorBody) {
        var router = Router()
        router.add(.post, "/thing") { _, _ in throw error }
        let response = TestClient(router: router).execute(.post, "/thing")
        #expect(response.headers["Content-Type"] == "application/json")
        let body = try decodeJSON(ErrorBody.self, from: response.body)
        #expect(body.id == response.headers["X-Request-Id"])
        return (response, body)
    }

    @Test func unsupportedMediaTypeIs415InvalidRequestTargetingContentType() throws {
        let (response, body) = try response(
            throwing: .unsupportedMediaType(
                received: "text/plain",
                supported: ["application/json", "multipart/form-data"]
            )
        )
        #expect(response.status == .unsupportedMediaType)
        #expect(body.code == "INVALID_REQUEST")
        #expect(body.details?.count == 1)
        #expect(body.details?.first?.target == "Content-Type")
        #expect(body.message.contains("text/plain"))
        #expect(body.message.contains("application/json, multipart/form-data"))
    }

    @Test func absentContentTypeIsNamedAsNone() throws {
        let (_, body) = try response(throwing: .unsupportedMediaType(received: nil, supported: ["application/json"]))
        #expect(body.message.contains("(none)"))
    }

    @Test func notAcceptableIs406InvalidRequestTargetingAccept() throws {
        let (response, body) = try response(
            throwing: .notAcceptable(offered: ["application/json", "application/pkcs10"])
        )
        #expect(response.status == .notAcceptable)
        #expect(body.code == "INVALID_REQUEST")
        #expect(body.details?.first?.target == "Accept")
        #expect(body.message.contains("application/json, application/pkcs10"))
    }

    @Test func malformedFormIs400InvalidRequestTargetingBody() throws {
        let (response, body) = try response(throwing: .malformedForm(reason: "the multipart body ends early"))
        #expect(response.status == .badRequest)
        #expect(body.code == "INVALID_REQUEST")
        #expect(body.details == [ErrorBody.Detail(code: "INVALID_VALUE", target: "body", message: body.message)])
        #expect(body.message.contains("the multipart body ends early"))
    }
}
