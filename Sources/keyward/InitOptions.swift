import KeywardCore

/// The options of `keyward init`, parsed by hand.
struct InitOptions: Equatable {
    var dataDirectory = "./data"
    var rootSubject = InstallationService.defaultRootSubject
    var organizationName = "Keyward"
    var environmentName = "Administrators"
    var json = false
    var wantsHelp = false

    /// Parses `--data-dir D`, `--root-dn DN`, `--organization NAME`, `--environment NAME` (each
    /// also as `--name=value`), `--json` and `--help`.
    init(arguments: [String]) throws(UsageError) {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "--help", "-h":
                wantsHelp = true
                continue
            case "--json":
                json = true
                continue
            default:
                break
            }
            let (name, inlineValue) = CommandLineOption.split(argument)
            guard ["--data-dir", "--root-dn", "--organization", "--environment"].contains(name) else {
                throw UsageError(message: "unknown option '\(argument)' for init")
            }
            guard let value = inlineValue ?? remaining.popFirst(), !value.isEmpty else {
                throw UsageError(message: "option \(name) needs a value")
            }
            switch name {
            case "--data-dir": dataDirectory = value
            case "--organization": organizationName = value
            case "--environment": environmentName = value
            default: rootSubject = value
            }
        }
    }
}
