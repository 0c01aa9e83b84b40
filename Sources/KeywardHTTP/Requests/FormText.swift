import KeywardCore

/// Text fields of a form body.
enum FormText {
    /// The field `name` as UTF-8 text; `nil` when absent; invalid UTF-8 is refused, naming the field.
    static func value(_ name: String, in form: FormData) throws(CoreError) -> String? {
        guard let field = form.field(name) else { return nil }
        guard let text = field.text else { throw .invalidValue(field: name, reason: "must be UTF-8 text") }
        return text
    }
}
