import Foundation
import KeywardCore
import Testing

@testable import KeywardStore

/// Keyset paging of an environment's keys.
@Suite struct KeyPagingTests {
    @Test func twoHundredFiftyKeysPageAsHundredHundredFiftyAndTheLastPageHasNoCursor() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let (_, environment) = try Sample.tenant(in: store)
        let (_, other) = try Sample.tenant(in: store)
        let keys = try (0..<250).map { _ in try Sample.key(in: environment) }
        try store.write { writer in
            for key in keys { try writer.insert(key, privateKey: Sample.sharedKey) }
            for _ in 0..<20 { try writer.insert(try Sample.key(in: other), privateKey: Sample.sharedKey) }
        }

        var pages: [Page<Key>] = []
        var cursor: UUID?
        repeat {
            let page = try store.read { try $0.keys(environmentID: environment.id, after: cursor, limit: 100) }
            pages.append(page)
            cursor = page.nextCursor
        } while cursor != nil && pages.count < 10

        #expect(pages.map(\.items.count) == [100, 100, 50])
        #expect(pages.map { $0.nextCursor == nil } == [false, false, true])
        #expect(pages.dropLast().map(\.nextCursor) == pages.dropLast().map { $0.items.last?.id })
        let listed = pages.flatMap(\.items)
        #expect(listed.map(\.id) == keys.map(\.id).sorted { $0.uuidString.lowercased() < $1.uuidString.lowercased() })
        #expect(Set(listed) == Set(keys))
        #expect(try store.read { try $0.keyCount(environmentID: environment.id) } == 250)
    }

    @Test func aPageThatEndsExactlyAtTheLastKeyHasNoCursor() throws {
        let database = try TestDatabase()
        let store = try database.open()
        let (_, environment) = try Sample.tenant(in: store)
        try store.write { writer in
            for _ in 0..<4 { try writer.insert(try Sample.key(in: environment), privateKey: Sample.sharedKey) }
        }
        let first = try store.read { try $0.keys(environmentID: environment.id, after: nil, limit: 2) }
        let second = try store.read { try $0.keys(environmentID: environment.id, after: first.nextCursor, limit: 2) }
        #expect(first.items.count == 2 && first.nextCursor != nil)
        #expect(second.items.count == 2 && second.nextCursor == nil)
        let empty = try store.read { try $0.keys(environmentID: UUID(), after: nil, limit: 100) }
        #expect(empty.items.isEmpty && empty.nextCursor == nil)
    }

    @Test func aPageIsFoundThroughTheEnvironmentIndexNotByScanningKeys() throws {
        let database = try TestDatabase()
        try database.withStore { _ in }
        let raw = try database.rawConnection()
        let queries: [(String, [SQLiteValue])] = [
            (SQLiteTransaction.keyPageAfterCursor, [.text("e"), .text("c"), .integer(101)]),
            (SQLiteTransaction.keyFirstPage, [.text("e"), .integer(101)]),
        ]
        for (sql, values) in queries {
            let plan = try raw.query("EXPLAIN QUERY PLAN " + sql, values) {
                row throws(StoreError) in
                _ = row.optionalInteger()
                _ = row.optionalInteger()
                _ = row.optionalInteger()
                return try row.text()
            }
            #expect(plan.count == 1, "\(plan)")
            #expect(
                plan.first?.hasPrefix("SEARCH keys USING INDEX keys_by_environment (environment_id=?") == true,
                "\(plan)"
            )
        }
    }
}
