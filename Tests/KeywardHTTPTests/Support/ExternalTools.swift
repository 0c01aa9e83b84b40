import Foundation
import Testing

/// What an external command printed and how it ended.
struct CommandResult {
    var status: Int32
    var standardOutput: String
    var standardError: String
    var outputBytes: Data
}

/// Runs a program (looked up on PATH when not absolute) and waits for it.
@discardableResult
func runCommand(_ program: String, _ arguments: [String], input: Data? = nil) throws -> CommandResult {
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
    FileManager.default.createFile(atPath: errorFile.path, contents: nil)
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

/// Runs `openssl` and records an issue if it exits non-zero.
@discardableResult
func openssl(
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

/// The test virtual environment's Python (`.venv` of this checkout, else of the main checkout).
let venvPython: String = {
    let local = testsDirectory.deletingLastPathComponent().appendingPathComponent(".venv/bin/python").path
    return FileManager.default.fileExists(atPath: local) ? local : "/work/main/.venv/bin/python"
}()

/// A temporary directory removed when the value goes away.
final class ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("keyward-scratch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// Writes `bytes` to `name` and returns the path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file.path
    }

    /// The path of `name` in the directory.
    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    /// The bytes of `name`.
    func read(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url.appendingPathComponent(name)))
    }
}
