import Foundation
import KeywardCrypto
import KeywardTestSupport
import Testing

@Suite struct ChainVerifierTests {
    @Test func leafVerifiesThroughTheOrganizationCAToTheRoot() throws {
        let pki = try TestPKI()
        let path = try ChainVerifier.verify(
            pki.leaf,
            anchors: [pki.root],
            intermediates: [pki.organization],
            at: Date()
        )
        #expect(path == [pki.leaf, pki.organization, pki.root])
    }

    @Test func fixtureChainFromOpensslVerifies() throws {
        let leaf = try Certificate(parsing: fixture("certs/leaf.pem"))
        let intermediate = try Certificate(parsing: fixture("certs/intermediate-ca.pem"))
        let root = try Certificate(parsing: fixture("certs/root-ca.pem"))
        #expect(try ChainVerifier.verify(leaf, anchors: [root], intermediates: [intermediate], at: Date()).count == 3)
    }

    @Test func chainIsRefusedAfterTheLeafExpires() throws {
        let pki = try TestPKI()
        let later = pki.leaf.notAfter.addingTimeInterval(86400)
        #expect(throws: CryptoError.untrustedChain(reason: "certificate has expired")) {
            try ChainVerifier.verify(pki.leaf, anchors: [pki.root], intermediates: [pki.organization], at: later)
        }
    }

    @Test func chainIsRefusedWithoutItsIntermediateOrWithAnotherRoot() throws {
        let pki = try TestPKI()
        let other = try TestPKI()
        #expect(throws: CryptoError.self) { try ChainVerifier.verify(pki.leaf, anchors: [pki.root], at: Date()) }
        #expect(throws: CryptoError.self) {
            try ChainVerifier.verify(pki.leaf, anchors: [other.root], intermediates: [pki.organization], at: Date())
        }
    }

    @Test func chainThroughAPingOneExactCAIsRefusedAsOpensslDoes() throws {
        let pki = try TestPKI(organizationProfile: .pingOneExact)
        #expect(throws: CryptoError.untrustedChain(reason: "invalid CA certificate")) {
            try ChainVerifier.verify(pki.leaf, anchors: [pki.root], intermediates: [pki.organization], at: Date())
        }
    }
}
