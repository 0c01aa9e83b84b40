import KeywardCrypto

/// Where new key pairs come from. `GeneratingKeySource` makes them on demand; the key pool
/// hands out pre-generated ones so that RSA creation does not wait for primes.
public protocol KeySource: Sendable {
    func makeKey(_ spec: KeySpec) throws(CryptoError) -> PrivateKey
}

/// Generates every key on demand, on the calling thread.
public struct GeneratingKeySource: KeySource {
    public init() {}

    public func makeKey(_ spec: KeySpec) throws(CryptoError) -> PrivateKey {
        try PrivateKey.generate(spec)
    }
}
