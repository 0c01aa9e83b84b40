import Foundation
import KeywardCrypto
import Testing

/// The repository root, found from this file's path (Tests/KeywardStoreTests/Support/…).
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Every form in which a private key could leak into a file, each to be searched for on its own:
/// the PKCS#8 DER, each line of the PEM body, and the secret numbers as `cryptography` reads them
/// (small needles, so that a copy split across SQLite overflow pages would still be found).
struct PrivateKeyForms {
    var pkcs8DER: [UInt8]
    var pemLines: [String]
    var secretNumbers: [String: [UInt8]]

    init(_ key: PrivateKey, scratch: TemporaryDirectory) throws {
        pkcs8DER = try key.pkcs8DER()
        pemLines = try key.pkcs8PEM().split(separator: "\n").map(String.init).filter { !$0.hasPrefix("-----") }
        let file = scratch.file("key-\(UUID().uuidString).der")
        try Data(pkcs8DER).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        secretNumbers = try Self.privateNumbers(file)
    }

    /// Runs Tests/Interop/python/private_numbers.py and decodes its hex fields.
    private static func privateNumbers(_ file: String) throws -> [String: [UInt8]] {
        let process = Process()
        process.executableURL = repositoryRoot.appendingPathComponent(".venv/bin/python")
        process.arguments = [
            repositoryRoot.appendingPathComponent("Tests/Interop/python/private_numbers.py").path, file,
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        #expect(process.terminationStatus == 0, "private_numbers.py failed: \(object)")
        var numbers: [String: [UInt8]] = [:]
        for name in ["d", "p", "q", "dmp1", "dmq1", "iqmp", "private_value"] {
            if let hex = object[name] as? String { numbers[name] = bytes(hex: hex) }
        }
        #expect(!numbers.isEmpty, "private_numbers.py printed no numbers: \(object)")
        return numbers
    }

    private static func bytes(hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex, let end = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) {
            bytes.append(UInt8(hex[index..<end], radix: 16) ?? 0)
            index = end
        }
        return bytes
    }
}
