/// One `name=value` pair of a request's query string, already percent-decoded.
///
/// A name given without `=` has the empty string as its value.
public struct QueryItem: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
