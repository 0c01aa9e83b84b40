/// The options of `keyward serve`, parsed by hand (no argument-parsing package is available).
struct ServeOptions: Equatable {
    var host = "127.0.0.1"
    var port = 8080
    var dataDirectory = "./data"
    /// True when `--help` was given: print usage instead of serving.
    var wantsHelp = false

    /// Parses `--host A`, `--port N`, `--data-dir D` (each also as `--name=value`) and `--help`.
    init(arguments: [String]) throws(UsageError) {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            if argument == "--help" || argument == "-h" {
                wantsHelp = true
                continue
            }
            let (name, inlineValue) = CommandLineOption.split(argument)
            guard ["--host", "--port", "--data-dir"].contains(name) else {
                throw UsageError(message: "unknown option '\(argument)' for serve")
            }
            guard let value = inlineValue ?? remaining.popFirst(), !value.isEmpty else {
                throw UsageError(message: "option \(name) needs a value")
            }
            switch name {
            case "--host":
                host = value
            case "--port":
                guard let number = Int(value), (0...65535).contains(number) else {
                    throw UsageError(message: "--port needs a number from 0 to 65535, not '\(value)'")
                }
                port = number
            default:
                dataDirectory = value
            }
        }
    }
}
