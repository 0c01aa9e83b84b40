import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The 32-byte key that wraps every record's data key (see `KeySealer`).
///
/// It comes from `KEYWARD_MASTER_KEY` (base64 of 32 bytes) when that is set, else from the file
/// `master.key` in the data directory, which holds the same base64 text on one line and is
/// created with mode 0600 by `keyward init`. The bytes never appear in a description, a
/// `dump`, or an error.
public struct MasterKey: Sendable {
    /// The key length: 32 bytes (AES-256).
    public static let length = 32
    /// The file name of the key inside the data directory.
    public static let fileName = "master.key"
    /// The environment variable that, when set, holds the key and wins over the file.
    public static let environmentVariable = "KEYWARD_MASTER_KEY"

    let bytes: [UInt8]

    /// A master key from its 32 bytes.
    public init(bytes: [UInt8]) throws(MasterKeyError) {
        guard bytes.count == Self.length else {
            throw .malformed(source: "the given bytes", reason: "must be 32 bytes, not \(bytes.count)")
        }
        self.bytes = bytes
    }

    /// A fresh key from the CSPRNG, not written anywhere; for `create` and for tests.
    public static func random() throws(CryptoError) -> MasterKey {
        MasterKey(unchecked: try SecureRandom.bytes(count: length))
    }

    private init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    /// Makes a new key and writes it to `dataDirectory/master.key`, created with mode 0600
    /// (`O_CREAT|O_EXCL`, so it is never readable by others, even briefly) and synced to disk.
    /// An existing file is never overwritten: that would orphan every sealed key.
    public static func create(in dataDirectory: String) throws -> MasterKey {
        let key = try random()
        var text = Array(Data(key.bytes).base64EncodedString().utf8) + [0x0A]
        defer { Wipe.bytes(&text) }
        try SystemFile.createPrivate(at: path(in: dataDirectory), contents: text)
        return key
    }

    /// Loads the key from `KEYWARD_MASTER_KEY` in `environment` when it is set, else from
    /// `dataDirectory/master.key`, which must not be readable by group or others.
    public static func load(
        dataDirectory: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(MasterKeyError) -> MasterKey {
        if let text = environment[environmentVariable] {
            return try decode(Array(text.utf8), source: environmentVariable)
        }
        let file = path(in: dataDirectory)
        var text = try SystemFile.readPrivate(at: file, limit: 1024)
        defer { Wipe.bytes(&text) }
        return try decode(text, source: file)
    }

    /// The path of the key file in `dataDirectory`.
    public static func path(in dataDirectory: String) -> String {
        dataDirectory.hasSuffix("/") ? dataDirectory + fileName : dataDirectory + "/" + fileName
    }

    private static func decode(_ text: [UInt8], source: String) throws(MasterKeyError) -> MasterKey {
        var trimmed = text.filter { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }
        defer { Wipe.bytes(&trimmed) }
        guard !trimmed.isEmpty else { throw .malformed(source: source, reason: "is empty") }
        guard var data = Data(base64Encoded: Data(trimmed)) else {
            throw .malformed(source: source, reason: "is not base64")
        }
        defer { data.resetBytes(in: 0..<data.count) }
        guard data.count == length else {
            throw .malformed(source: source, reason: "must be base64 of 32 bytes, not \(data.count) bytes")
        }
        return MasterKey(unchecked: Array(data))
    }
}

extension MasterKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "MasterKey(redacted)" }
    public var debugDescription: String { description }
    /// No children, so that `dump` and `Mirror` show nothing of the bytes.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
