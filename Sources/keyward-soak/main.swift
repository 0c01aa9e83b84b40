// keyward-soak: repeats every KeywardCrypto operation that owns OpenSSL memory many times, so that a
// leak too small to see once (an EVP_PKEY_CTX, a BIO, an X509 stack per call) adds up where
// LeakSanitizer reports it. `scripts/soak` builds this with AddressSanitizer and runs it; a leak, a
// use-after-free or a wrong result makes it exit non-zero.
//
//     keyward-soak [CYCLES] [KEYS]     defaults: 10000 cycles, 500 keys (half P-256, half RSA-2048)

import KeywardCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#endif

/// A wrong result: the soak stops with this message and exit status 1.
struct SoakFailure: Error, CustomStringConvertible {
    let description: String
}

func expect(_ condition: Bool, _ what: @autoclosure () -> String) throws {
    guard condition else { throw SoakFailure(description: "wrong result: \(what())") }
}

/// What every cycle works on: cached keys, a certificate and the bytes to parse.
struct Material {
    let rsaKey: PrivateKey
    let ecKey: PrivateKey
    let rsaPublicKey: PublicKey
    let ecPublicKey: PublicKey
    let certificate: Certificate
    let certificateDER: [UInt8]
    let sealingKey: [UInt8]
    static let subject = "CN=soak.example.com, OU=Platform, O=Example Corp, L=Berlin, ST=Berlin, C=DE"

    init() throws {
        rsaKey = try PrivateKey.generate(.rsa2048)
        ecKey = try PrivateKey.generate(.p256)
        rsaPublicKey = try rsaKey.publicKey
        ecPublicKey = try ecKey.publicKey
        let now = Date()
        certificate = try Certificate.issue(
            CertificateTemplate(
                subject: DistinguishedName(parsing: Self.subject),
                notBefore: now,
                notAfter: now.addingTimeInterval(365 * 86400),
                signatureAlgorithm: .sha256WithRSA,
                profile: .endEntity(
                    keyUsage: [.digitalSignature],
                    extendedKeyUsage: [.serverAuth],
                    subjectAlternativeNames: [.dns("soak.example.com"), .ipAddress("192.0.2.7")]
                )
            ),
            for: rsaPublicKey,
            signedBy: .selfSigned(rsaKey)
        )
        certificateDER = try certificate.derRepresentation()
        sealingKey = try SecureRandom.bytes(count: AESGCM.keyLength)
    }
}

/// One cycle: sign, verify, parse, export, re-import, bundle and seal; every 100th also PKCS#12 and a CSR.
func cycle(_ index: Int, _ material: Material) throws {
    let message = Array("soak cycle \(index)".utf8)
    let rsaScheme: SignatureScheme = index % 2 == 0 ? .rsaPKCS1v15(.sha256) : .rsaPSS(.sha256)
    let rsaSignature = try material.rsaKey.sign(message, scheme: rsaScheme)
    try expect(try material.rsaPublicKey.isValidSignature(rsaSignature, for: message, scheme: rsaScheme), "RSA verify")
    let ecSignature = try material.ecKey.sign(message, scheme: .ecdsa(.sha256))
    try expect(
        try material.ecPublicKey.isValidSignature(ecSignature, for: message, scheme: .ecdsa(.sha256)),
        "ECDSA verify"
    )
    try expect(
        try !material.ecPublicKey.isValidSignature(ecSignature, for: message + [0], scheme: .ecdsa(.sha256)),
        "ECDSA verify of another message"
    )

    let parsed = try Certificate(parsing: material.certificateDER)
    try expect(parsed == material.certificate, "certificate DER round trip")
    let pem = try parsed.pemRepresentation()
    try expect(try Certificate(parsing: Array(pem.utf8)) == parsed, "certificate PEM round trip")

    let key = index % 2 == 0 ? material.ecKey : material.rsaKey
    let pkcs8 = try key.pkcs8DER()
    let reimported = try PrivateKey(parsing: pkcs8)
    try expect(try reimported.publicKey == key.publicKey, "PKCS#8 round trip")

    let chain = try PKCS7Chain.der([parsed, material.certificate])
    try expect(try PKCS7Chain.certificates(in: chain).count == 2, "PKCS#7 round trip")

    let name = try DistinguishedName(parsing: Material.subject)
    try expect(name.description == Material.subject, "DN round trip")

    let associatedData = Array("record-\(index)".utf8)
    let sealed = try AESGCM.seal(pkcs8, key: material.sealingKey, associatedData: associatedData)
    try expect(try AESGCM.open(sealed, key: material.sealingKey, associatedData: associatedData) == pkcs8, "AES-GCM")
    do {
        _ = try AESGCM.open(sealed, key: material.sealingKey, associatedData: [])
        throw SoakFailure(description: "wrong result: AES-GCM opened with the wrong associated data")
    } catch CryptoError.authenticationFailed {}  // the failure path must not leak either

    if index % 100 == 0 {
        try rareCycle(index, material)
    }
}

/// PKCS#12 export and import, and a CSR made and parsed: slow (PBKDF2), so every 100th cycle.
func rareCycle(_ index: Int, _ material: Material) throws {
    let bundle = PKCS12Bundle(
        privateKey: material.rsaKey,
        certificate: material.certificate,
        chain: [material.certificate]
    )
    let p12 = try bundle.pkcs12(password: "soak-\(index)", friendlyName: "soak")
    let opened = try PKCS12Bundle(parsing: p12, password: "soak-\(index)")
    try expect(opened.certificate == material.certificate && opened.chain.count == 1, "PKCS#12 round trip")
    do {
        _ = try PKCS12Bundle(parsing: p12, password: "wrong")
        throw SoakFailure(description: "wrong result: PKCS#12 opened with a wrong password")
    } catch CryptoError.wrongPassword {}

    let request = try CertificateSigningRequest(
        subject: DistinguishedName(parsing: Material.subject),
        subjectAlternativeNames: [.dns("soak.example.com")],
        key: material.ecKey,
        signatureAlgorithm: .sha256WithECDSA
    )
    let parsed = try CertificateSigningRequest(parsing: try request.derRepresentation())
    try expect(try parsed.subject == DistinguishedName(parsing: Material.subject), "CSR subject")
    try expect(parsed.subjectAlternativeNames == [.dns("soak.example.com")], "CSR subjectAltName")
    try expect(try parsed.publicKey == material.ecPublicKey, "CSR public key")
}

/// Prints at once: a pipe would otherwise hold the progress lines until exit.
func report(_ line: String) {
    print(line)
    fflush(nil)
}

func soak(cycles: Int, keys: Int) throws {
    let clock = ContinuousClock()
    let start = clock.now
    let material: Material
    do {
        material = try Material()
    } catch {
        throw SoakFailure(description: "soak: setup: \(error)")
    }
    func elapsed() -> String {
        let tenths = Int((start.duration(to: clock.now) / .milliseconds(100)).rounded())
        return "\(tenths / 10).\(tenths % 10) s"
    }
    for index in 1..<(cycles + 1) {
        do {
            try cycle(index, material)
        } catch {
            throw SoakFailure(description: "soak: cycle \(index): \(error)")
        }
        if index % 1000 == 0 { report("soak: \(index)/\(cycles) cycles, \(elapsed())") }
    }
    for index in 0..<keys {
        let spec: KeySpec = index % 2 == 0 ? .p256 : .rsa2048
        do {
            let key = try PrivateKey.generate(spec)
            let scheme: SignatureScheme = spec == .p256 ? .ecdsa(.sha256) : .rsaPKCS1v15(.sha256)
            let signature = try key.sign(Array("key \(index)".utf8), scheme: scheme)
            try expect(
                try key.publicKey.isValidSignature(signature, for: Array("key \(index)".utf8), scheme: scheme),
                "new key"
            )
        } catch {
            throw SoakFailure(description: "soak: key \(index) (\(spec)): \(error)")
        }
        if (index + 1) % 50 == 0 { report("soak: \(index + 1)/\(keys) keys, \(elapsed())") }
    }
    report("soak: \(cycles) cycles, \(keys) keys, ok (\(elapsed()))")
}

let arguments = CommandLine.arguments.dropFirst().map { Int($0) }
guard arguments.count <= 2, arguments.allSatisfy({ ($0 ?? -1) >= 0 }) else {
    print("usage: keyward-soak [CYCLES] [KEYS]")
    exit(64)
}
do {
    try soak(cycles: arguments.first.flatMap { $0 } ?? 10_000, keys: arguments.dropFirst().first.flatMap { $0 } ?? 500)
} catch {
    print(error)
    exit(1)
}
