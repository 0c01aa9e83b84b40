import Foundation
import KeywardCrypto
import KeywardHTTP
import KeywardTestSupport

/// A CA and a server certificate for 127.0.0.1 it signed, made fresh for a test, plus the
/// files `curl` needs to trust the CA.
struct TestTLS {
    let caKey: PrivateKey
    let ca: Certificate
    let serverKey: PrivateKey
    let server: Certificate
    /// A temporary directory holding `ca.pem`; removed by `removeFiles()`.
    let directory: URL

    init() throws {
        let now = Date()
        caKey = try PrivateKey.generate(.p256)
        ca = try Certificate.issue(
            CertificateTemplate(
                subject: DistinguishedName(parsing: "CN=Keyward HTTP Test CA, O=Keyward"),
                notBefore: now.addingTimeInterval(-60),
                notAfter: now.addingTimeInterval(86400),
                signatureAlgorithm: .sha256WithECDSA,
                profile: .certificateAuthority(pathLength: 0)
            ),
            for: caKey.publicKey,
            signedBy: .selfSigned(caKey)
        )
        serverKey = try PrivateKey.generate(.p256)
        server = try Certificate.issue(
            CertificateTemplate(
                subject: DistinguishedName(parsing: "CN=127.0.0.1, O=Keyward"),
                notBefore: now.addingTimeInterval(-60),
                notAfter: now.addingTimeInterval(86400),
                signatureAlgorithm: .sha256WithECDSA,
                profile: .endEntity(
                    keyUsage: [.digitalSignature],
                    extendedKeyUsage: [.serverAuth],
                    subjectAlternativeNames: [.ipAddress("127.0.0.1")]
                )
            ),
            for: serverKey.publicKey,
            signedBy: .authority(certificate: ca, key: caKey)
        )
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("keyward-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(try ca.pemRepresentation().utf8).write(to: caFile)
    }

    /// The CA certificate, PEM, for `curl --cacert`.
    var caFile: URL { directory.appendingPathComponent("ca.pem") }

    /// The server certificate then the CA, and the server's PKCS#8 key: what `keyward serve --tls-key` builds.
    func credentials() throws -> TLSCredentials {
        TLSCredentials(
            certificateChainPEM: try server.pemRepresentation() + ca.pemRepresentation(),
            privateKeyPEM: Array(try serverKey.pkcs8PEM().utf8)
        )
    }

    func removeFiles() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Runs `executable` with `arguments` (standard input empty); its exit status and output.
func tool(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
    let result = try runCommand(executable, arguments)
    return (result.status, result.standardOutput, result.standardError)
}
