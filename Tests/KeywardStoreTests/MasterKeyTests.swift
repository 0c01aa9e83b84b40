import Foundation
import Testing

@testable import KeywardStore

@Suite struct MasterKeyTests {
    private func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? Int ?? -1) & 0o777
    }

    @Test func createWritesAFileOfMode0600ThatLoadsTheSameKey() throws {
        let directory = try TemporaryDirectory()
        // With no umask at all, the mode can only come from the code (briefly, for the whole process).
        let previous = umask(0)
        defer { umask(previous) }
        let created = try MasterKey.create(in: directory.path)
        let path = MasterKey.path(in: directory.path)
        #expect(try mode(path) == 0o600)
        let loaded = try MasterKey.load(dataDirectory: directory.path, environment: [:])
        #expect(loaded.bytes == created.bytes)
        #expect(loaded.bytes.count == 32)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(Data(base64Encoded: text.trimmingCharacters(in: .newlines)).map(Array.init) == created.bytes)
    }

    @Test func createRefusesToOverwriteAnExistingKey() throws {
        let directory = try TemporaryDirectory()
        let first = try MasterKey.create(in: directory.path)
        let path = MasterKey.path(in: directory.path)
        #expect(throws: MasterKeyError.alreadyExists(path: path)) { try MasterKey.create(in: directory.path) }
        #expect(try MasterKey.load(dataDirectory: directory.path, environment: [:]).bytes == first.bytes)
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o660])
    func aKeyFileReadableByGroupOrOthersIsRefused(_ permissions: Int) throws {
        let directory = try TemporaryDirectory()
        _ = try MasterKey.create(in: directory.path)
        let path = MasterKey.path(in: directory.path)
        try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: path)
        #expect(throws: MasterKeyError.insecurePermissions(path: path, mode: UInt32(permissions))) {
            try MasterKey.load(dataDirectory: directory.path, environment: [:])
        }
        let message = MasterKeyError.insecurePermissions(path: path, mode: UInt32(permissions)).description
        #expect(message.contains("must not be readable by group or others"))
        #expect(message.contains("0" + String(permissions, radix: 8)))
    }

    @Test func aKeyOfTheWrongLengthIsRefused() throws {
        let directory = try TemporaryDirectory()
        let path = MasterKey.path(in: directory.path)
        let short = Data(repeating: 7, count: 31).base64EncodedString()
        #expect(
            FileManager.default.createFile(
                atPath: path,
                contents: Data(short.utf8),
                attributes: [.posixPermissions: 0o600]
            )
        )
        #expect(throws: MasterKeyError.malformed(source: path, reason: "must be base64 of 32 bytes, not 31 bytes")) {
            try MasterKey.load(dataDirectory: directory.path, environment: [:])
        }
        let long = Data(repeating: 7, count: 33).base64EncodedString()
        #expect(
            throws: MasterKeyError.malformed(
                source: "KEYWARD_MASTER_KEY",
                reason: "must be base64 of 32 bytes, not 33 bytes"
            )
        ) {
            try MasterKey.load(dataDirectory: directory.path, environment: ["KEYWARD_MASTER_KEY": long])
        }
        #expect(throws: MasterKeyError.malformed(source: "KEYWARD_MASTER_KEY", reason: "is not base64")) {
            try MasterKey.load(dataDirectory: directory.path, environment: ["KEYWARD_MASTER_KEY": "not base64!"])
        }
        #expect(throws: MasterKeyError.malformed(source: "KEYWARD_MASTER_KEY", reason: "is empty")) {
            try MasterKey.load(dataDirectory: directory.path, environment: ["KEYWARD_MASTER_KEY": ""])
        }
    }

    @Test func theEnvironmentVariableWinsOverTheFile() throws {
        let directory = try TemporaryDirectory()
        _ = try MasterKey.create(in: directory.path)
        let bytes = (0..<32).map { UInt8($0) }
        let loaded = try MasterKey.load(
            dataDirectory: directory.path,
            environment: ["KEYWARD_MASTER_KEY": Data(bytes).base64EncodedString() + "\n"]
        )
        #expect(loaded.bytes == bytes)
    }

    @Test func aMissingKeySaysHowToMakeOne() throws {
        let directory = try TemporaryDirectory()
        let path = MasterKey.path(in: directory.path)
        #expect(throws: MasterKeyError.missing(path: path)) {
            try MasterKey.load(dataDirectory: directory.path, environment: [:])
        }
        #expect(MasterKeyError.missing(path: path).description.contains("keyward init"))
    }

    @Test func theBytesNeverAppearInADescriptionADumpOrAnError() throws {
        let key = try MasterKey(bytes: Array(repeating: 0xAB, count: 32))
        var dumped = ""
        dump(key, to: &dumped)
        let base64 = Data(key.bytes).base64EncodedString()
        for text in ["\(key)", String(reflecting: key), dumped, "\([key])"] {
            #expect(!text.contains("171"), "\(text)")
            #expect(!text.lowercased().contains("abab"), "\(text)")
            #expect(!text.contains(base64.prefix(8)), "\(text)")
        }
        #expect("\(key)" == "MasterKey(redacted)")
        #expect(throws: MasterKeyError.malformed(source: "the given bytes", reason: "must be 32 bytes, not 16")) {
            try MasterKey(bytes: Array(repeating: 0xAB, count: 16))
        }
    }
}
