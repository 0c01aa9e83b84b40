#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few POSIX file operations the master key needs, each failure named by its call.
enum SystemFile {
    /// Creates `path` with mode 0600 (failing if it exists), writes `contents`, and syncs the
    /// file and its directory, so that a key reported as created survives a crash.
    static func createPrivate(at path: String, contents: [UInt8]) throws(MasterKeyError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            if code == EEXIST { throw .alreadyExists(path: path) }
            throw .fileSystem(path: path, call: "open", errno: code)
        }
        var created = false
        defer {
            close(descriptor)
            if !created { unlink(path) }
        }
        // The umask may have removed bits from 0600, never added any; make the mode exact.
        try check(fchmod(descriptor, 0o600), path, "fchmod")
        var written = 0
        while written < contents.count {
            let count = contents.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress.map { $0 + written }, buffer.count - written)
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw .fileSystem(path: path, call: "write", errno: errno) }
            written += count
        }
        try check(fsync(descriptor), path, "fsync")
        created = true
        syncDirectory(of: path)
    }

    /// Reads at most `limit` bytes of `path`, refusing a file that group or others may read
    /// (checked on the open descriptor, so the file checked is the file read).
    static func readPrivate(at path: String, limit: Int) throws(MasterKeyError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { throw .missing(path: path) }
            throw .fileSystem(path: path, call: "open", errno: code)
        }
        defer { close(descriptor) }
        var status = stat()
        try check(fstat(descriptor, &status), path, "fstat")
        guard UInt32(status.st_mode) & UInt32(S_IFMT) == UInt32(S_IFREG) else {
            throw .malformed(source: path, reason: "is not a regular file")
        }
        let mode = UInt32(status.st_mode) & 0o7777
        guard mode & 0o077 == 0 else { throw .insecurePermissions(path: path, mode: mode) }
        var contents = [UInt8](repeating: 0, count: limit + 1)
        var total = 0
        while total < contents.count {
            let count = contents.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress.map { $0 + total }, buffer.count - total)
            }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw .fileSystem(path: path, call: "read", errno: errno) }
            if count == 0 { break }
            total += count
        }
        guard total <= limit else {
            Wipe.bytes(&contents)
            throw .malformed(source: path, reason: "is longer than \(limit) bytes")
        }
        let result = Array(contents.prefix(total))
        Wipe.bytes(&contents)
        return result
    }

    /// `strerror` text of an errno value.
    static func describe(errno code: Int32) -> String {
        strerror(code).map { String(cString: $0) } ?? "errno \(code)"
    }

    private static func check(_ result: Int32, _ path: String, _ call: String) throws(MasterKeyError) {
        guard result == 0 else { throw .fileSystem(path: path, call: call, errno: errno) }
    }

    /// Makes the new directory entry durable; a failure here does not undo the key, so it is ignored.
    private static func syncDirectory(of path: String) {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let descriptor = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
