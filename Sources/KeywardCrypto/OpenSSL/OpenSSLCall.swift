import COpenSSL

/// Checks an OpenSSL call that returns 1 on success, draining the error queue on failure.
@inline(__always)
func ensure(_ result: Int32, _ call: String) throws(CryptoError) {
    guard result == 1 else { throw .openSSL(call: call, queue: drainErrorQueue()) }
}

/// Checks an OpenSSL call that returns a pointer, `NULL` meaning failure.
@inline(__always)
func ensure(_ result: OpaquePointer?, _ call: String) throws(CryptoError) -> OpaquePointer {
    guard let result else { throw .openSSL(call: call, queue: drainErrorQueue()) }
    return result
}

/// Checks an OpenSSL call that returns a typed pointer, `NULL` meaning failure.
@inline(__always)
func ensure<T>(_ result: UnsafeMutablePointer<T>?, _ call: String) throws(CryptoError) -> UnsafeMutablePointer<T> {
    guard let result else { throw .openSSL(call: call, queue: drainErrorQueue()) }
    return result
}

/// Empties this thread's OpenSSL error queue and returns its entries as text, oldest first.
///
/// Every failure path calls it, so a stale entry is never blamed on the next operation
/// that happens to run on the same thread.
func drainErrorQueue() -> [String] {
    var entries: [String] = []
    while true {
        let code = ERR_get_error()
        if code == 0 { break }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        entries.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
    return entries
}

/// Discards this thread's OpenSSL error queue after an expected failure (e.g. end of PEM input).
func clearErrorQueue() {
    ERR_clear_error()
}

/// The OpenSSL library Keyward runs against, e.g. "OpenSSL 3.0.19 27 Jan 2026".
public enum OpenSSLLibrary {
    /// The version text of the libcrypto loaded at run time (not the headers built against).
    public static var version: String {
        guard let text = OpenSSL_version(OPENSSL_VERSION) else { return "unknown" }
        return String(cString: text)
    }
}
