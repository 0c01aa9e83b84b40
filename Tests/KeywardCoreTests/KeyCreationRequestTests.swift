import KeywardCore
import KeywardCrypto
import Testing

@Suite struct KeyCreationRequestTests {
    static let subject = "CN=Partner signing key, OU=Platform, O=Example Corp, L=, ST=, C=US"

    static func request(
        algorithm: String? = "RSA",
        keyLength: Int? = 2048,
        signatureAlgorithm: String? = "SHA256withRSA",
        subjectDN: String? = subject,
        validityPeriod: Int? = 365,
        usageType: String? = "SIGNING",
        serialNumber: String? = nil,
        customCRL: String? = nil,
        name: String? = nil
    ) -> KeyCreationRequest {
        KeyCreationRequest(
            name: name,
            algorithm: algorithm,
            keyLength: keyLength,
            signatureAlgorithm: signatureAlgorithm,
            subjectDN: subjectDN,
            validityPeriod: validityPeriod,
            usageType: usageType,
            serialNumber: serialNumber,
            customCRL: customCRL
        )
    }

    @Test func pingOneExampleBodyIsValidAndNamedAfterItsCommonName() throws {
        let valid = try Self.request(serialNumber: "12737138739537859429").validate()
        #expect(valid.spec == .rsa2048)
        #expect(valid.name == "Partner signing key")
        #expect(valid.subjectDN == Self.subject)
        #expect(valid.serialNumber?.description == "12737138739537859429")
    }

    @Test(arguments: [
        (request(algorithm: nil), CoreError.missingValue(field: "algorithm")),
        (request(keyLength: nil), .missingValue(field: "keyLength")),
        (request(signatureAlgorithm: nil), .missingValue(field: "signatureAlgorithm")),
        (request(subjectDN: nil), .missingValue(field: "subjectDN")),
        (request(validityPeriod: nil), .missingValue(field: "validityPeriod")),
        (request(usageType: nil), .missingValue(field: "usageType")),
    ])
    func missingRequiredFieldsAreNamed(_ request: KeyCreationRequest, _ expected: CoreError) {
        #expect(throws: expected) { try request.validate() }
    }

    @Test(arguments: [
        (request(algorithm: "DSA"), "algorithm"),
        (request(keyLength: 1024), "keyLength"),
        (request(algorithm: "EC", keyLength: 2048), "keyLength"),
        (request(algorithm: "EC", keyLength: 256), "signatureAlgorithm"),
        (request(signatureAlgorithm: "MD5withRSA"), "signatureAlgorithm"),
        (request(subjectDN: "CN=only a name"), "subjectDN"),
        (request(subjectDN: "not a dn"), "subjectDN"),
        (request(subjectDN: "CN=, OU=a, O=b, L=, ST=, C=US"), "subjectDN"),
        (request(subjectDN: "CN=x, OU=a, O=b, L=, ST=, C=USA"), "subjectDN"),
        (request(validityPeriod: 0), "validityPeriod"),
        (request(validityPeriod: 20_000), "validityPeriod"),
        (request(usageType: "SIGN"), "usageType"),
        (request(serialNumber: "0"), "serialNumber"),
        (request(serialNumber: "-5"), "serialNumber"),
        (request(serialNumber: String(repeating: "9", count: 60)), "serialNumber"),
        (request(customCRL: "http://crl.example.com/a.crl"), "customCRL"),
        (request(usageType: "ISSUANCE", customCRL: "https://crl.example.com"), "customCRL"),
        (request(name: String(repeating: "n", count: 300)), "name"),
    ])
    func invalidValuesAreRefusedNamingTheirField(_ request: KeyCreationRequest, _ field: String) {
        #expect {
            try request.validate()
        } throws: { error in
            guard case CoreError.invalidValue(let named, _) = error else { return false }
            return named == field
        }
    }

    @Test func everyAllowedAlgorithmAndLengthPairIsAccepted() throws {
        for spec in KeySpec.allCases {
            let signature = spec.algorithm == .rsa ? "SHA384withRSA" : "SHA512withECDSA"
            let valid = try Self.request(
                algorithm: spec.algorithm.rawValue,
                keyLength: spec.keyLength,
                signatureAlgorithm: signature
            ).validate()
            #expect(valid.spec == spec)
        }
    }

    @Test func customCRLIsAcceptedForIssuanceKeys() throws {
        let valid = try Self.request(usageType: "ISSUANCE", customCRL: "http://crl.example.com/ca.crl").validate()
        #expect(valid.customCRL == "http://crl.example.com/ca.crl")
    }
}
