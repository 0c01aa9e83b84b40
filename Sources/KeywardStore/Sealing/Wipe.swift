#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Best-effort zeroing of secret buffers (data keys, PKCS#8 bytes, master key text) once used.
///
/// Best effort because Swift may have copied an array before (copy-on-write, resizing): this
/// clears the buffer the caller holds, with a call the optimiser may not remove.
enum Wipe {
    static func bytes(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return }
            #if canImport(Glibc)
                explicit_bzero(base, buffer.count)
            #else
                _ = memset_s(base, buffer.count, 0, buffer.count)
            #endif
        }
    }
}
