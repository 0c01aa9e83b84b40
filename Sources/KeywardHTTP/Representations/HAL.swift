/// A HAL link: `{ "href": "<absolute URL>" }`.
struct HALLink: Encodable {
    let href: String
}

/// A reference to a parent record: `{ "id": "<uuid>" }`.
struct IDReference: Codable, Equatable {
    let id: String
}

/// A PingOne collection: `_links` (`self`, and `next` only when another page follows),
/// `_embedded.<name>`, `count` (when known) and `size`.
struct CollectionRepresentation<Item: Encodable>: Encodable {
    let links: [String: HALLink]
    let embedded: [String: [Item]]
    let count: Int?
    let size: Int

    enum CodingKeys: String, CodingKey {
        case links = "_links"
        case embedded = "_embedded"
        case count, size
    }

    init(name: String, items: [Item], selfURL: String, nextURL: String?, count: Int?) {
        var links = ["self": HALLink(href: selfURL)]
        if let nextURL { links["next"] = HALLink(href: nextURL) }
        self.links = links
        embedded = [name: items]
        self.count = count
        size = items.count
    }
}

extension HTTPResponse {
    /// The applications that use a key or certificate: always none, as Keyward has no SAML or
    /// OIDC applications that reference them (PingOne's `…/applications` lists).
    static func noApplications(selfURL: String) throws -> HTTPResponse {
        let none: [IDReference] = []
        return try .json(
            CollectionRepresentation(name: "applications", items: none, selfURL: selfURL, nextURL: nil, count: 0)
        )
    }
}
