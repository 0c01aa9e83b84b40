/// Helpers the test targets share: running `openssl` and the Python interop scripts, scratch
/// directories, and the fixtures under Tests/Fixtures.
import Foundation
import Testing

/// The repository root, found from this file's path (Tests/KeywardTestSupport/…).
public let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// What an external command printed and how it ended.
public struct CommandResult {
    public var status: Int32
    public var standardOutput: String
    public var standardError: String
    public var outputBytes: Data
}

/// Runs a program (looked up on PATH when not absolute) and waits for it.
@discardableResult
public func runCommand(_ program: String, _ arguments: [String], input: Data? = nil) throws -> CommandResult {
    let process = Process()
    if program.hasPrefix("/") {
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
    } else {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
    }
    let output = Pipe()
    let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("keyward-stderr-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errorFile) }
    let errorHandle = try FileHandle(forWritingTo: errorFile)
    let stdin = Pipe()
    process.standardOutput = output
    process.standardError = errorHandle
    process.standardInput = stdin
    try process.run()
    try errorHandle.close()
    if let input { stdin.fileHandleForWriting.write(input) }
    try stdin.fileHandleForWriting.close()
    let stdoutData = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let stderrData = (try? Data(contentsOf: errorFile)) ?? Data()
    return CommandResult(
        status: process.terminationStatus,
        standardOutput: String(decoding: stdoutData, as: UTF8.self),
        standardError: String(decoding: stderrData, as: UTF8.self),
        outputBytes: stdoutData
    )
}

/// Runs the `openssl` command and fails the test if it exits non-zero.
@discardableResult
public func openssl(_ arguments: String..., input: Data? = nil) throws -> CommandResult {
    let result = try runCommand("openssl", arguments, input: input)
    if result.status != 0 {
        Issue.record("openssl \(arguments.joined(separator: " ")) failed: \(result.standardError)")
    }
    return result
}

/// The Python interpreter of the checkout's test virtual environment (made by scripts/install-deps).
public let venvPython = repositoryRoot.appendingPathComponent(".venv/bin/python").path

/// Runs one of Tests/Interop/python/*.py and decodes the JSON object it prints.
public func pythonCheck(_ script: String, _ arguments: [String]) throws -> [String: Any] {
    let path = repositoryRoot.appendingPathComponent("Tests/Interop/python/\(script)").path
    let result = try runCommand(venvPython, [path] + arguments)
    let object = try JSONSerialization.jsonObject(with: result.outputBytes) as? [String: Any]
    guard let object else {
        Issue.record("\(script) printed no JSON object: \(result.standardOutput) \(result.standardError)")
        return [:]
    }
    return object
}

/// Lints a certificate with pkilint's RFC 5280 linter; returns every ERROR or FATAL finding.
public func pkilintFindings(certificatePEM: String, in directory: TemporaryDirectory) throws -> String {
    let file = try directory.write("lint.pem", certificatePEM)
    let linter = repositoryRoot.appendingPathComponent(".venv/bin/lint_pkix_cert").path
    let result = try runCommand(linter, ["lint", "-s", "ERROR", "--document-format", "PEM", file])
    return (result.standardOutput + result.standardError).trimmingCharacters(in: .whitespacesAndNewlines)
}

/// A directory under /tmp removed when the value goes away.
public final class TemporaryDirectory {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("keyward-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` to a file in the directory and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    /// Writes `bytes` to a file in the directory and returns its path.
    @discardableResult
    public func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file.path
    }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// The bytes of `name` in the directory.
    public func read(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url.appendingPathComponent(name)))
    }
}

/// Reads a file under Tests/Fixtures.
public func fixture(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/Fixtures/\(path)")))
}

/// The path of a file under Tests/Fixtures.
public func fixturePath(_ path: String) -> String {
    repositoryRoot.appendingPathComponent("Tests/Fixtures/\(path)").path
}

/// Runs `openssl` with an argument array and records an issue if it exits non-zero.
@discardableResult
public func openssl(
    _ arguments: [String],
    input: Data? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> CommandResult {
    let result = try runCommand("openssl", arguments, input: input)
    if result.status != 0 {
        Issue.record(
            "openssl \(arguments.joined(separator: " ")) failed: \(result.standardError)",
            sourceLocation: sourceLocation
        )
    }
    return result
}
