import Foundation
import KeywardCore
import KeywardTestSupport
import Testing

@testable import KeywardHTTP

/// The location of a file under Tests/Fixtures.
func fixtureURL(_ path: String) -> URL {
    URL(fileURLWithPath: fixturePath(path))
}

/// The error body every failed API request receives (PingOne's `P1Error`).
struct ErrorJSON: Decodable {
    struct Detail: Decodable {
        let code: String
        let target: String?
        let message: String
    }

    let id: String
    let code: String
    let message: String
    let details: [Detail]?
}

/// The OAuth error body of the token endpoint.
struct OAuthErrorJSON: Decodable {
    let error: String
    let errorDescription: String
    let code: String

    enum CodingKeys: String, CodingKey {
        case error
        case errorDescription = "error_description"
        case code
    }
}

/// The body as text, for failure messages and substring checks.
func text(_ response: RawHTTPResponse) -> String {
    String(decoding: response.body, as: UTF8.self)
}

/// Checks an error answer: status, JSON media type, top-level `code`, the request id, and, when
/// given, the first detail's `code` and `target` (`target: nil` with a `detail` checks only the code).
@discardableResult
func expectError(
    _ response: RawHTTPResponse,
    _ status: Int,
    _ code: String,
    detail: String? = nil,
    target: String? = nil,
    messageContains: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) -> ErrorJSON? {
    #expect(response.status == status, "\(text(response))", sourceLocation: sourceLocation)
    #expect(response.headers["Content-Type"] == "application/json", sourceLocation: sourceLocation)
    guard let body = try? decodeJSON(ErrorJSON.self, from: response.body) else {
        Issue.record("not a P1Error body: \(text(response))", sourceLocation: sourceLocation)
        return nil
    }
    #expect(body.code == code, "\(text(response))", sourceLocation: sourceLocation)
    #expect(!body.id.isEmpty && body.id == response.headers["X-Request-Id"], sourceLocation: sourceLocation)
    #expect(!body.message.isEmpty, sourceLocation: sourceLocation)
    if let detail {
        #expect(body.details?.first?.code == detail, "\(text(response))", sourceLocation: sourceLocation)
        #expect(body.details?.first?.message.isEmpty == false, sourceLocation: sourceLocation)
    }
    if let target {
        #expect(body.details?.first?.target == target, "\(text(response))", sourceLocation: sourceLocation)
    }
    if let messageContains {
        let messages = [body.message] + (body.details ?? []).map(\.message)
        #expect(
            messages.contains { $0.contains(messageContains) },
            "\(text(response))",
            sourceLocation: sourceLocation
        )
    }
    return body
}

/// Checks a 400 `INVALID_DATA` whose detail names `target`.
@discardableResult
func expectInvalidData(
    _ response: RawHTTPResponse,
    _ detail: String,
    target: String,
    sourceLocation: SourceLocation = #_sourceLocation
) -> ErrorJSON? {
    expectError(response, 400, "INVALID_DATA", detail: detail, target: target, sourceLocation: sourceLocation)
}

/// The JSON object of a response body.
func object(_ response: RawHTTPResponse) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: Data(response.body))
    guard let object = value as? [String: Any] else {
        throw SocketError(call: "JSON object expected: \(text(response))", code: 0)
    }
    return object
}

/// True when `value` (from JSONSerialization) holds a `null` anywhere.
func containsNull(_ value: Any) -> Bool {
    switch value {
    case is NSNull: true
    case let dictionary as [String: Any]: dictionary.values.contains(where: containsNull)
    case let array as [Any]: array.contains(where: containsNull)
    default: false
    }
}

extension APIServer {
    /// Environment ids as the API writes them.
    var a: String { environmentA.id.uuidString.lowercased() }
    var b: String { environmentB.id.uuidString.lowercased() }
    var c: String { environmentC.id.uuidString.lowercased() }

    /// The rows a refused write must leave as they are: keys, certificates and environments of
    /// the first organization.
    func rowCounts() throws -> [String: Int] {
        try ["keys": count("keys"), "certificates": count("certificates"), "environments": count("environments")]
    }

    /// Runs `body` (a request that must be refused) and checks that no row was added or removed.
    @discardableResult
    func expectUnchanged<T>(
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () throws -> T
    ) throws -> T {
        let before = try rowCounts()
        let result = try body()
        let after = try rowCounts()
        #expect(before == after, "store changed by a refused request", sourceLocation: sourceLocation)
        return result
    }
}

extension APIClient {
    /// Sends a `multipart/form-data` body with text `fields` and, when given, a `file` part.
    func multipart(
        _ method: String,
        _ path: String,
        file: [UInt8]?,
        fileName: String = "upload.bin",
        fields: [(String, String)] = []
    ) throws -> RawHTTPResponse {
        var form = MultipartBody()
        for (name, value) in fields {
            form.addField(name, value)
        }
        if let file {
            form.addFile("file", fileName: fileName, contentType: "application/octet-stream", data: file)
        }
        return try call(method, path, headers: [("Content-Type", form.contentType)], body: form.finished())
    }

    /// GET `path` and decode the JSON object.
    func getObject(_ path: String) throws -> [String: Any] {
        let response = try call("GET", path)
        #expect(response.status == 200, "\(text(response))")
        return try object(response)
    }
}

/// A JSON text from a dictionary (keys sorted, so a failure message is stable).
func jsonText(_ value: [String: Any]) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
}

/// A server shared by the tests of one suite; failing to start one is fatal, as none could run.
func sharedServer(clock: any Clock = SystemClock()) -> APIServer {
    do {
        return try APIServer(clock: clock)
    } catch {
        fatalError("cannot start the API server: \(error)")
    }
}

/// A client shared by the tests of one (serialized) suite.
func sharedClient(_ server: APIServer, other: Bool = false) -> APIClient {
    do {
        return try APIClient(server, other: other)
    } catch {
        fatalError("cannot get a token: \(error)")
    }
}
