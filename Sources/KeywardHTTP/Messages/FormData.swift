/// The fields of a form body, in the order they were sent; a name may occur more than once.
public struct FormData: Sendable, Equatable {
    /// Every field, in order.
    public var fields: [FormField]

    public init(fields: [FormField]) {
        self.fields = fields
    }

    /// The first field called `name` (compared exactly), or `nil` when there is none.
    public func field(_ name: String) -> FormField? {
        fields.first { $0.name == name }
    }
}
