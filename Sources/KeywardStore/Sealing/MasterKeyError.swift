/// Why the master key could not be created or loaded. No case ever carries key bytes.
public enum MasterKeyError: Error, Equatable, Sendable {
    /// Neither `KEYWARD_MASTER_KEY` nor the key file exists.
    case missing(path: String)
    /// `create` found a key file already there and left it untouched.
    case alreadyExists(path: String)
    /// The key file may be read by its group or by others (`mode` is its permission bits).
    case insecurePermissions(path: String, mode: UInt32)
    /// The key is not base64 of exactly 32 bytes; `source` is the file path or the variable name.
    case malformed(source: String, reason: String)
    /// A system call on the key file failed.
    case fileSystem(path: String, call: String, errno: Int32)
}

extension MasterKeyError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .missing(let path):
            return "no master key: set \(MasterKey.environmentVariable) or create \(path) with `keyward init`"
        case .alreadyExists(let path):
            return "\(path) already exists; refusing to overwrite a master key"
        case .insecurePermissions(let path, let mode):
            let octal = String(mode, radix: 8)
            return "\(path) has mode 0\(octal): a master key file must not be readable by group or others "
                + "(run `chmod 600 \(path)`)"
        case .malformed(let source, let reason):
            return "the master key in \(source) \(reason)"
        case .fileSystem(let path, let call, let code):
            return "\(call) on \(path) failed: \(SystemFile.describe(errno: code))"
        }
    }
}
