import Dispatch
import Foundation
import KeywardCrypto
import Synchronization
import Testing

/// One key shared by many threads, as a server shares it across request threads.
@Suite struct ConcurrentUseTests {
    final class Failures: Sendable {
        let count = Mutex(0)
        func record() { count.withLock { $0 += 1 } }
    }

    @Test(arguments: [(KeySpec.p256, SignatureScheme.ecdsa(.sha256)), (.rsa2048, .rsaPSS(.sha384))])
    func signaturesMadeAndCheckedOnManyThreadsWithOneKeyAllVerify(_ spec: KeySpec, _ scheme: SignatureScheme) throws {
        let key = try PrivateKey.generate(spec)
        let publicKey = try key.publicKey
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 2000) { index in
            let message = Array("message \(index)".utf8)
            do {
                let signature = try key.sign(message, scheme: scheme)
                let valid = try publicKey.isValidSignature(signature, for: message, scheme: scheme)
                let wrong = try publicKey.isValidSignature(signature, for: message + [1], scheme: scheme)
                if !valid || wrong { failures.record() }
            } catch {
                failures.record()
            }
        }
        #expect(failures.count.withLock { $0 } == 0)
    }

    @Test func oaepRoundTripsOnManyThreadsWithOneKey() throws {
        let key = try PrivateKey.generate(.rsa2048)
        let publicKey = try key.publicKey
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 500) { index in
            let plaintext = Array("secret \(index)".utf8)
            do {
                if try key.decryptOAEP(publicKey.encryptOAEP(plaintext)) != plaintext { failures.record() }
            } catch {
                failures.record()
            }
        }
        #expect(failures.count.withLock { $0 } == 0)
    }
}
