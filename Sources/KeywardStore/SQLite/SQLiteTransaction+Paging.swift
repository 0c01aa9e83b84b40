import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension SQLiteTransaction {
    /// One page by keyset over an environment's rows: `first` when there is no cursor, `after`
    /// otherwise (both `… WHERE environment_id = ? [AND id > ?] ORDER BY id LIMIT ?`). One row
    /// more than the limit is read to learn whether another page follows; a `limit` below 1
    /// is read as 1.
    func page<Item>(
        first: String,
        after: String,
        environmentID: UUID,
        cursor: UUID?,
        limit: Int,
        id: (Item) -> UUID,
        decode: (inout SQLiteRow) throws(StoreError) -> Item
    ) throws -> Page<Item> {
        let limit = max(limit, 1)
        let fetch = SQLiteValue.int(limit + 1)
        var items: [Item]
        if let cursor {
            items = try reading().query(after, [.uuid(environmentID), .uuid(cursor), fetch], decode)
        } else {
            items = try reading().query(first, [.uuid(environmentID), fetch], decode)
        }
        let hasMore = items.count > limit
        if hasMore { items.removeLast(items.count - limit) }
        return Page(items: items, nextCursor: hasMore ? items.last.map(id) : nil)
    }
}
