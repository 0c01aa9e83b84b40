import KeywardCore
import KeywardCrypto

/// `keyward version`: the Keyward version, and the OpenSSL library loaded at run time.
enum VersionCommand {
    static func run() -> Int32 {
        StandardStreams.out("Keyward \(KeywardVersion.current)\n\(OpenSSLLibrary.version)\n")
        return 0
    }
}
