import Foundation
import KeywardCrypto
import KeywardTestSupport
import Testing

@Suite struct DistinguishedNameTests {
    @Test(arguments: [
        "CN=Partner signing key, OU=Platform, O=Example Corp, L=, ST=, C=US",
        "CN=Default-Default, OU=Ping Identity, O=Ping Identity, C=US",
        "CN=Zoë \\\"Q\\\" \\+ \\<R\\>\\; #1, O=Ünïcode GmbH, C=DE",
        "CN=a\\, b, O=x\\=y",
        "CN=\\#leading hash, O=\\ padded \\ ",
        "CN=first+UID=42, DC=example, DC=com",
        "2.5.4.3=by oid, C=US",
    ])
    func canonicalStringsRoundTripExactly(_ text: String) throws {
        #expect(try DistinguishedName(parsing: text).description == text)
    }

    @Test func commaSeparatedFormWithoutSpacesIsReadInTheSameOrder() throws {
        let name = try DistinguishedName(
            parsing: "C=US,O=Ping Identity,OU=Ping Identity,CN=PingOne Key Rotation Policy"
        )
        #expect(name.description == "C=US, O=Ping Identity, OU=Ping Identity, CN=PingOne Key Rotation Policy")
        #expect(name.commonName == "PingOne Key Rotation Policy")
    }

    @Test func escapedValuesAreUnescaped() throws {
        let name = try DistinguishedName(parsing: "CN=a\\,b\\2Cc\\C3\\A9, O=\\\"q\\\"")
        #expect(name.value(of: "CN") == "a,b,cé")
        #expect(name.value(of: "o") == "\"q\"")
    }

    @Test func typeNamesAreCanonicalised() throws {
        #expect(
            try DistinguishedName(parsing: "cn=x, e=a@b.c, S=Oregon").description
                == "CN=x, EMAILADDRESS=a@b.c, ST=Oregon"
        )
    }

    @Test(arguments: [
        "", "   ", "CN", "=x", "CN=x,", "CN=x, , O=y", "XX=unknown", "CN=#04024869", "CN=trailing\\", "CN=bad\\zz",
        "CN=un\"quoted",
    ])
    func malformedNamesAreRefusedWithATypedError(_ text: String) {
        #expect {
            try DistinguishedName(parsing: text)
        } throws: { error in
            guard case CryptoError.malformedInput(format: "distinguished name", _) = error else { return false }
            return true
        }
    }

    @Test func invalidUTF8FromHexEscapesIsRefused() {
        #expect(throws: CryptoError.self) { try DistinguishedName(parsing: "CN=\\FF\\FE") }
    }

    @Test func nameWrittenIntoACertificateReadsBackIdentically() throws {
        let text = "CN=Zoë \\\"Q\\\" \\+ \\<R\\>\\; #1, OU=Dev+OU=Ops, O=Ünïcode GmbH, L=Springfield, ST=Oregon, C=DE"
        let key = try PrivateKey.generate(.p256)
        let certificate = try Certificate.issue(
            CertificateTemplate(
                subject: DistinguishedName(parsing: text),
                notBefore: Date(),
                notAfter: Date().addingTimeInterval(60),
                signatureAlgorithm: .sha256WithECDSA,
                profile: .pingOneExact
            ),
            for: key.publicKey,
            signedBy: .selfSigned(key)
        )
        let readBack = try certificate.subject.description
        #expect(readBack == text)
        let directory = try TemporaryDirectory()
        let info = try pythonCheck("cert_info.py", [try directory.write("c.pem", certificate.pemRepresentation())])
        let subject = try #require(info["subject"] as? String)
        #expect(subject.contains("Zoë"))
        #expect(subject.contains("O=Ünïcode GmbH"))
        #expect(subject.hasSuffix("C=DE"))
    }

    @Test func nameWithSpecialCharactersMadeByCryptographyIsRead() throws {
        let certificate = try Certificate(parsing: fixture("certs/utf8-special-subject.pem"))
        let subject = try certificate.subject
        #expect(subject.commonName == "Zoë, \"Q\" + <R>; #1")
        #expect(subject.value(of: "O") == "Ünïcode GmbH")
        #expect(try DistinguishedName(parsing: subject.description) == subject)
    }

    @Test func countryLongerThanTwoLettersIsRefusedWhenEncoding() throws {
        let key = try PrivateKey.generate(.p256)
        let template = try CertificateTemplate(
            subject: DistinguishedName(parsing: "CN=x, C=USA"),
            notBefore: Date(),
            notAfter: Date().addingTimeInterval(60),
            signatureAlgorithm: .sha256WithECDSA,
            profile: .pingOneExact
        )
        #expect {
            try Certificate.issue(template, for: key.publicKey, signedBy: .selfSigned(key))
        } throws: { error in
            guard case CryptoError.invalidArgument(name: "C", _) = error else { return false }
            return true
        }
    }
}
