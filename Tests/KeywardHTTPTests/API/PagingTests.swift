import Foundation
import KeywardCore
import KeywardTestSupport
import Testing

@testable import KeywardHTTP

/// Cursor paging (§5.5) and the key list's filter (§5.6): `_links.next` only when a next page
/// exists; unsupported filters are `INVALID_FILTER`; a bad `limit` or `cursor` names itself.
@Suite("Paging and filtering", .serialized)
struct PagingTests {
    nonisolated(unsafe) static let server = sharedServer()
    nonisolated(unsafe) static let api = sharedClient(server)

    /// Environment B holds its default RSA key, its rotation policy's two RSA keys, and three EC
    /// keys made here.
    static let keys: String = {
        let path = "/v1/environments/\(server.b)/keys"
        for _ in 0..<3 { _ = try? api.json("POST", path, jsonText(KeysCreateTests.valid)) }
        return path
    }()

    func page(_ query: String, path: String = keys) throws -> (
        items: [[String: Any]], next: String?, body: [String: Any]
    ) {
        let response = try Self.api.call("GET", "\(path)?\(query)")
        #expect(response.status == 200, "\(text(response))")
        let body = try object(response)
        let embedded = body["_embedded"] as? [String: Any]
        let items = (embedded?["keys"] ?? embedded?["certificates"]) as? [[String: Any]] ?? []
        let next = ((body["_links"] as? [String: Any])?["next"] as? [String: Any])?["href"] as? String
        return (items, next, body)
    }

    /// The path and query of an absolute link.
    func relative(_ link: String) -> String {
        link.replacing("http://127.0.0.1", with: "")
    }

    @Test func limitPagesWithNextOnlyWhenMoreFollow() throws {
        let first = try page("limit=4")
        #expect(first.items.count == 4)
        let next = try #require(first.next)
        #expect(next.contains("cursor=") && next.contains("limit=4"))
        let second = try Self.api.call("GET", relative(next))
        let body = try object(second)
        let items = (body["_embedded"] as? [String: Any])?["keys"] as? [[String: Any]] ?? []
        #expect(items.count == 2)
        #expect((body["_links"] as? [String: Any])?["next"] == nil)
        let ids = Set((first.items + items).compactMap { $0["id"] as? String })
        #expect(ids.count == 6)
    }

    @Test func exactlyFullPageHasNoNext() throws {
        let all = try page("limit=6")
        #expect(all.items.count == 6)
        #expect(all.next == nil)
        let two = try page("limit=3")
        let last = try Self.api.call("GET", relative(try #require(two.next)))
        #expect((try object(last)["_links"] as? [String: Any])?["next"] == nil)
        #expect(try page("").next == nil)
    }

    @Test func filterByStatusAlgorithmAndBoth() throws {
        #expect(try page("filter=status%20eq%20%22VALID%22").items.count == 6)
        #expect(try page("filter=algorithm%20eq%20%22EC%22").items.count == 3)
        let both = try page("filter=algorithm%20eq%20%22RSA%22%20and%20status%20eq%20%22VALID%22")
        #expect(both.items.map { $0["algorithm"] as? String } == ["RSA", "RSA", "RSA"])
        #expect(try page("filter=status%20eq%20%22EXPIRED%22").items.isEmpty)
    }

    @Test func filteredPagesKeepTheFilterInNext() throws {
        let first = try page("limit=2&filter=algorithm%20eq%20%22EC%22")
        #expect(first.items.count == 2)
        let next = try #require(first.next)
        let second = try Self.api.call("GET", relative(next))
        let items = (try object(second)["_embedded"] as? [String: Any])?["keys"] as? [[String: Any]] ?? []
        #expect(items.count == 1)
        #expect(items.allSatisfy { $0["algorithm"] as? String == "EC" })
    }

    @Test(arguments: [
        "name%20eq%20%22x%22", "algorithm%20ne%20%22EC%22", "algorithm%20eq%20%22DSA%22", "algorithm%20eq%20EC",
        "status%20eq%20%22VALID%22%20or%20algorithm%20eq%20%22EC%22", "status%20eq", "%20and%20",
        "algorithm%20eq%20%22EC%22%20and%20algorithm%20eq%20%22RSA%22",
    ])
    func unsupportedFilterIsInvalidFilter(_ filter: String) throws {
        let response = try Self.api.call("GET", "\(Self.keys)?filter=\(filter)")
        expectInvalidData(response, "INVALID_FILTER", target: "filter")
    }

    @Test(arguments: ["0", "1001", "abc", "-1", ""])
    func badLimitIsRefused(_ limit: String) throws {
        expectInvalidData(try Self.api.call("GET", "\(Self.keys)?limit=\(limit)"), "INVALID_VALUE", target: "limit")
        let certificates = "/v1/environments/\(Self.server.b)/certificates?limit=\(limit)"
        expectInvalidData(try Self.api.call("GET", certificates), "INVALID_VALUE", target: "limit")
    }

    @Test func badCursorIsRefused() throws {
        expectInvalidData(try Self.api.call("GET", "\(Self.keys)?cursor=zzz"), "INVALID_VALUE", target: "cursor")
    }

    @Test func certificatesPageToo() throws {
        let path = "/v1/environments/\(Self.server.b)/certificates"
        for name in ["certs/leaf.pem", "certs/leaf-p256.pem", "certs/serial-20-bytes.pem"] {
            let response = try Self.api.multipart(
                "POST",
                path,
                file: try fixture(name),
                fields: [("usageType", "SIGNING")]
            )
            #expect(response.status == 202, "\(text(response))")
        }
        let first = try page("limit=2", path: path)
        #expect(first.items.count == 2)
        #expect(first.body["count"] as? Int == 3)
        let second = try Self.api.call("GET", relative(try #require(first.next)))
        let body = try object(second)
        #expect(((body["_embedded"] as? [String: Any])?["certificates"] as? [[String: Any]])?.count == 1)
        #expect((body["_links"] as? [String: Any])?["next"] == nil)
    }
}
