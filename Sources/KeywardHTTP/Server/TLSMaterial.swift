#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The NUL-terminated certificate chain and key that libmicrohttpd reads for HTTPS.
///
/// libmicrohttpd keeps the pointers given with `MHD_OPTION_HTTPS_MEM_CERT`/`_KEY`, so this
/// object owns the memory and must outlive the daemon (`HTTPServer` holds it). The key's bytes
/// are zeroed before they are freed. `@unchecked Sendable` is sound: the buffers are written
/// once, in `init`, and only read afterwards.
final class TLSMaterial: @unchecked Sendable {
    /// The chain, PEM, NUL-terminated.
    let certificateChain: UnsafeMutablePointer<CChar>
    /// The private key, PEM, NUL-terminated.
    let privateKey: UnsafeMutablePointer<CChar>
    private let privateKeyCount: Int

    init(_ credentials: TLSCredentials) {
        certificateChain = Self.copy(Array(credentials.certificateChainPEM.utf8))
        privateKey = Self.copy(credentials.privateKeyPEM)
        privateKeyCount = credentials.privateKeyPEM.count + 1
    }

    deinit {
        // explicit_bzero, because a plain write to memory about to be freed may be optimised away.
        explicit_bzero(privateKey, privateKeyCount)
        privateKey.deallocate()
        certificateChain.deallocate()
    }

    private static func copy(_ bytes: [UInt8]) -> UnsafeMutablePointer<CChar> {
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
        for (index, byte) in bytes.enumerated() {
            buffer[index] = CChar(bitPattern: byte)
        }
        buffer[bytes.count] = 0
        return buffer
    }
}
