#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Unbuffered lines on standard error, safe from any thread (C's `stderr` is a global that
/// Swift 6 rejects as not concurrency-safe).
enum StandardError {
    /// Writes `line` and a newline with `write(2)`, retrying short writes; gives up silently on failure.
    static func writeLine(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let written = write(2, base + offset, buffer.count - offset)
                if written < 0, errno == EINTR { continue }
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
