/// Helpers shared by the commands' hand-written option parsers.
enum CommandLineOption {
    /// `--name=value` gives `("--name", "value")`; `--name` gives `("--name", nil)`.
    static func split(_ argument: String) -> (name: String, value: String?) {
        guard let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }
}
