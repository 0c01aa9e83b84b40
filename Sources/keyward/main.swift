#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// `keyward <command> [options]`: one file per command; this file only dispatches.

// Everything Keyward writes (database, WAL, master key, data directory) is for its own user only.
umask(0o077)
let arguments = Array(CommandLine.arguments.dropFirst())
let status: Int32
switch arguments.first {
case "serve":
    status = ServeCommand.run(Array(arguments.dropFirst()))
case "init":
    status = InitCommand.run(Array(arguments.dropFirst()))
case "bench":
    status = BenchCommand.run(Array(arguments.dropFirst()))
case "version", "--version":
    status = VersionCommand.run()
case "help", "--help", "-h":
    StandardStreams.out(Usage.text)
    status = 0
case nil:
    StandardStreams.error(Usage.text)
    status = Usage.exitStatus
case let command?:
    StandardStreams.error("keyward: unknown command '\(command)'\n\n\(Usage.text)")
    status = Usage.exitStatus
}
exit(status)
