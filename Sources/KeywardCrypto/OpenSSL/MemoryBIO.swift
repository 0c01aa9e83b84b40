import COpenSSL

/// A memory `BIO` owned for the length of one operation.
///
/// `~Copyable`, so it has exactly one owner and is freed exactly once when it goes out of scope.
struct MemoryBIO: ~Copyable {
    let bio: OpaquePointer

    /// An empty, writable memory BIO.
    init() throws(CryptoError) {
        bio = try ensure(BIO_new(BIO_s_mem()), "BIO_new")
    }

    /// A BIO holding a copy of `bytes`, for OpenSSL readers.
    init(copying bytes: [UInt8]) throws(CryptoError) {
        let created = try ensure(BIO_new(BIO_s_mem()), "BIO_new")
        if !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { BIO_write(created, $0.baseAddress, Int32($0.count)) }
            guard written == Int32(bytes.count) else {
                BIO_free(created)
                throw .openSSL(call: "BIO_write", queue: drainErrorQueue())
            }
        }
        bio = created
    }

    deinit { BIO_free(bio) }

    /// Everything written into the BIO so far.
    func contents() -> [UInt8] {
        var data: UnsafeMutablePointer<CChar>?
        let length = keyward_bio_mem_data(bio, &data)
        guard let data, length > 0 else { return [] }
        return data.withMemoryRebound(to: UInt8.self, capacity: length) {
            Array(UnsafeBufferPointer(start: $0, count: length))
        }
    }

    /// True when every byte has been read.
    var isExhausted: Bool { BIO_ctrl_pending(bio) == 0 }
}

/// Runs an OpenSSL `i2d_*` encoder into a fresh byte array.
///
/// The encoder is called twice: once for the length, once to write.
func derEncode(_ call: String, _ encode: (UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?) -> Int32)
    throws(CryptoError) -> [UInt8]
{
    let length = encode(nil)
    guard length > 0 else { throw .openSSL(call: call, queue: drainErrorQueue()) }
    var bytes = [UInt8](repeating: 0, count: Int(length))
    let written = bytes.withUnsafeMutableBufferPointer { buffer -> Int32 in
        var cursor = buffer.baseAddress
        return encode(&cursor)
    }
    guard written == length else { throw .openSSL(call: call, queue: drainErrorQueue()) }
    return bytes
}

/// Runs an OpenSSL `d2i_*` decoder over all of `bytes`; trailing bytes are an error, and
/// the value decoded before them is released with `free`.
func derDecode<T>(
    _ bytes: [UInt8],
    format: String,
    free: (T) -> Void,
    decode: (UnsafeMutablePointer<UnsafePointer<UInt8>?>, Int) -> T?
) throws(CryptoError) -> T {
    try InputLimits.check(bytes, format: format)
    let result: Result<T, CryptoError> = bytes.withUnsafeBufferPointer { buffer in
        guard let start = buffer.baseAddress, !buffer.isEmpty else {
            return .failure(.malformedInput(format: format, reason: "the input is empty"))
        }
        var cursor: UnsafePointer<UInt8>? = start
        guard let value = decode(&cursor, buffer.count) else {
            clearErrorQueue()
            return .failure(.malformedInput(format: format, reason: "the DER encoding does not parse"))
        }
        if let cursor, cursor != start + buffer.count {
            free(value)
            return .failure(.malformedInput(format: format, reason: "trailing bytes after the DER value"))
        }
        return .success(value)
    }
    return try result.get()
}
