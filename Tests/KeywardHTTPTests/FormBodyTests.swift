import KeywardHTTP
import Testing

/// Form bodies through a real libmicrohttpd server and its post processor.
@Suite struct FormBodyTests {
    private static let limit = 64 * 1024

    private static func start(_ captured: CapturedRequest, maxBodySize: Int = limit) throws -> HTTPServer {
        let configuration = HTTPServerConfiguration(
            port: 0,
            maxBodySize: maxBodySize,
            threadCount: 2,
            logger: Logger(level: .error)
        )
        return try HTTPServer(configuration: configuration, router: captured.makeRouter())
    }

    @Test func multipartFileWithBinaryBytesAndTextFieldsArriveIntact() throws {
        let captured = CapturedRequest()
        let server = try Self.start(captured)
        var multipart = MultipartBody()
        let file = trickyBinary(count: 40 * 1024, boundary: multipart.boundary)  // larger than MHD's parse buffer
        multipart.addField("usageType", "SIGNING")
        multipart.addFile("file", fileName: "key.p12", contentType: "application/x-pkcs12", data: file)
        multipart.addField("password", "pässwörd with spaces")
        multipart.addField("empty", "")

        let response = try RawHTTPClient(port: server.port).request(
            "POST",
            "/capture",
            headers: [("Content-Type", multipart.contentType)],
            body: multipart.finished()
        )

        #expect(response.status == 204)
        let request = try #require(captured.last)
        let form = try #require(request.form)
        #expect(form.fields.map(\.name) == ["usageType", "file", "password", "empty"])
        #expect(form.field("usageType")?.text == "SIGNING")
        #expect(form.field("password")?.text == "pässwörd with spaces")
        #expect(form.field("empty")?.data == [])
        let part = try #require(form.field("file"))
        #expect(part.data == file)
        #expect(part.fileName == "key.p12")
        #expect(part.contentType == "application/x-pkcs12")
        #expect(form.field("usageType")?.fileName == nil)
        #expect(request.body.isEmpty)
    }

    @Test func multipartSentInSmallChunksIsReassembled() throws {
        let captured = CapturedRequest()
        let server = try Self.start(captured)
        var multipart = MultipartBody()
        let file = trickyBinary(count: 5000, boundary: multipart.boundary)
        multipart.addFile("file", fileName: "chain.pem", contentType: "application/octet-stream", data: file)
        multipart.addField("usageType", "ENCRYPTION")
        let client = try RawHTTPClient(port: server.port)
        try client.send(
            Array(
                ("POST /capture HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                    + "Content-Type: \(multipart.contentType)\r\n\r\n").utf8
            )
        )
        var chunked: [UInt8] = []
        let body = multipart.finished()
        for start in stride(from: 0, to: body.count, by: 7) {
            let piece = body[start..<min(start + 7, body.count)]
            chunked += Array("\(String(piece.count, radix: 16))\r\n".utf8) + piece + Array("\r\n".utf8)
        }
        try client.send(chunked + Array("0\r\n\r\n".utf8))

        #expect(try client.readResponse().status == 204)
        let form = try #require(captured.last?.form)
        #expect(form.field("file")?.data == file)
        #expect(form.field("usageType")?.text == "ENCRYPTION")
    }

    @Test func urlencodedFieldsArePlusAndPercentDecodedInOrder() throws {
        let captured = CapturedRequest()
        let server = try Self.start(captured)
        let body = "name=a+b%2Bc%26d&empty=&text=caf%C3%A9+%3D+ok&name=second&na%6De=third"
        let response = try RawHTTPClient(port: server.port).request(
            "POST",
            "/capture",
            headers: [("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")],
            body: Array(body.utf8)
        )
        #expect(response.status == 204)
        let form = try #require(captured.last?.form)
        #expect(form.fields.map(\.name) == ["name", "empty", "text", "name", "name"])
        #expect(form.fields.map(\.text) == ["a b+c&d", "", "café = ok", "second", "third"])
        #expect(form.field("name")?.text == "a b+c&d")
        #expect(form.field("name")?.fileName == nil)
        #expect(form.field("missing") == nil)
    }

    @Test func emptyUrlencodedBodyIsAnEmptyForm() throws {
        let captured = CapturedRequest()
        let server = try Self.start(captured)
        let response = try RawHTTPClient(port: server.port).request(
            "POST",
            "/capture",
            headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Content-Length", "0")]
        )
        #expect(response.status == 204)
        #expect(captured.last?.form == FormData(fields: []))
    }

    @Test func bodyThatIsNotAFormStaysRawAndHasNoForm() throws {
        let captured = CapturedRequest()
        let server = try Self.start(captured)
        let json = Array(#"{"usageType":"SIGNING"}"#.utf8)
        let response = try RawHTTPClient(port: server.port).request(
            "POST",
            "/capture",
            headers: [("Content-Type", "application/json")],
            body: json
        )
        #expect(response.status == 204)
        #expect(captured.last?.body == json)
        #expect(captured.last?.form == nil)
    }

    /// Broken form bodies, each with the Content-Type it is sent with.
    static let malformedBodies: [(name: String, contentType: String, body: String)] = [
        (
            "no boundary", "multipart/form-data",
            "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--\r\n"
        ),
        ("truncated", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n12"),
        ("no part", "multipart/form-data; boundary=x", "this is not multipart at all"),
        ("garbage after boundary", "multipart/form-data; boundary=x", "--xjunk\r\n\r\n"),
        (
            "part without name", "multipart/form-data; boundary=x",
            "--x\r\nContent-Disposition: form-data\r\n\r\n1\r\n--x--\r\n"
        ),
        ("empty urlencoded name", "application/x-www-form-urlencoded", "=value"),
    ]

    @Test(arguments: malformedBodies.indices)
    func malformedFormIsAnswered400NamingTheBodyAndTheConnectionStaysUsable(_ index: Int) throws {
        let (name, contentType, body) = Self.malformedBodies[index]
        let captured = CapturedRequest()
        let server = try Self.start(captured)
        let client = try RawHTTPClient(port: server.port)

        let response = try client.request(
            "POST",
            "/capture",
            headers: [("Content-Type", contentType)],
            body: Array(body.utf8)
        )

        #expect(response.status == 400, "\(name)")
        #expect(response.headers["Content-Type"] == "application/json")
        let error = try decodeJSON(ErrorBody.self, from: response.body)
        #expect(error.code == "INVALID_REQUEST")
        #expect(error.id == response.headers["X-Request-Id"])
        #expect(error.details?.first?.target == "body", "\(name)")
        #expect(error.details?.first?.code == "INVALID_VALUE")
        #expect(captured.last == nil)
        #expect(try client.request("POST", "/capture").status == 204)
    }

    @Test func declaredFormLargerThanTheLimitIsRefusedWith413() throws {
        let captured = CapturedRequest()
        let server = try Self.start(captured, maxBodySize: 1024)
        var multipart = MultipartBody()
        multipart.addFile(
            "file",
            fileName: "big.p12",
            contentType: "application/x-pkcs12",
            data: Array(repeating: 7, count: 1024)
        )
        let response = try RawHTTPClient(port: server.port).request(
            "POST",
            "/capture",
            headers: [("Content-Type", multipart.contentType)],
            body: multipart.finished()
        )
        try expectBodyTooLarge(response)
        #expect(captured.last == nil)
    }

    @Test func chunkedFormLargerThanTheLimitIsRefusedWith413AndTheConnectionStaysUsable() throws {
        let captured = CapturedRequest()
        let server = try Self.start(captured, maxBodySize: 1024)
        var multipart = MultipartBody()
        multipart.addField("first", String(repeating: "a", count: 600))
        multipart.addField("second", String(repeating: "b", count: 600))
        let body = multipart.finished()
        let client = try RawHTTPClient(port: server.port)
        try client.send(
            Array(
                ("POST /capture HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                    + "Content-Type: \(multipart.contentType)\r\n\r\n").utf8
            )
        )
        let half = body.count / 2
        for piece in [body[..<half], body[half...]] {
            try client.send(Array("\(String(piece.count, radix: 16))\r\n".utf8) + piece + Array("\r\n".utf8))
        }
        try client.send(Array("0\r\n\r\n".utf8))

        try expectBodyTooLarge(try client.readResponse())
        #expect(captured.last == nil)
        #expect(try client.request("POST", "/capture").status == 204)
    }

    private func expectBodyTooLarge(_ response: RawHTTPResponse) throws {
        #expect(response.status == 413)
        let body = try decodeJSON(ErrorBody.self, from: response.body)
        #expect(body.code == "INVALID_REQUEST")
        #expect(body.details?.first?.code == "SIZE_LIMIT_EXCEEDED")
        #expect(body.details?.first?.target == "body")
    }
}
