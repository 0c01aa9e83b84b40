import Foundation
import KeywardCore
import KeywardHTTP
import Testing

/// HTTPS through libmicrohttpd's GnuTLS, checked with `curl` (OpenSSL) over loopback.
@Suite struct HTTPSTests {
    private static func start(_ credentials: TLSCredentials) throws -> HTTPServer {
        let configuration = HTTPServerConfiguration(
            port: 0,
            threadCount: 2,
            tls: credentials,
            logger: Logger(level: .error)
        )
        return try HTTPServer(configuration: configuration, router: Routes.makeRouter())
    }

    @Test func curlTrustingTheCAGetsHealthOverHTTPS() throws {
        let pki = try TestTLS()
        defer { pki.removeFiles() }
        let server = try Self.start(try pki.credentials())
        #expect(server.usesTLS)

        let (status, output, error) = try tool(
            "/usr/bin/curl",
            ["--silent", "--show-error", "--cacert", pki.caFile.path, "https://127.0.0.1:\(server.port)/health"]
        )

        #expect(status == 0, "\(error)")
        let body = try decodeJSON(HealthBody.self, from: Array(output.utf8))
        #expect(body == HealthBody(status: "UP", version: KeywardVersion.current))
    }

    @Test func serverCertificateIsCheckedAgainstTheCAAndItsIPAddress() throws {
        let pki = try TestTLS()
        defer { pki.removeFiles() }
        let server = try Self.start(try pki.credentials())
        let (status, _, error) = try tool(
            "/usr/bin/curl",
            [
                "--silent", "--show-error", "--verbose", "--cacert", pki.caFile.path,
                "https://127.0.0.1:\(server.port)/health",
            ]
        )
        #expect(status == 0)
        #expect(error.contains("issuer: O=Keyward; CN=Keyward HTTP Test CA"), "\(error)")
        #expect(error.contains("subjectAltName: host \"127.0.0.1\" matched"), "\(error)")
    }

    @Test func serverSendsTheWholeChain() throws {
        let pki = try TestTLS()
        defer { pki.removeFiles() }
        let server = try Self.start(try pki.credentials())
        let (status, output, error) = try tool(
            "/usr/bin/openssl",
            ["s_client", "-connect", "127.0.0.1:\(server.port)", "-showcerts", "-CAfile", pki.caFile.path]
        )
        #expect(status == 0, "\(error)")
        #expect(output.components(separatedBy: "-----BEGIN CERTIFICATE-----").count - 1 == 2)
        #expect(output.contains("Verify return code: 0 (ok)"))
    }

    @Test func plainHTTPClientGetsNoHTTPAnswerFromTheHTTPSPort() throws {
        let pki = try TestTLS()
        defer { pki.removeFiles() }
        let server = try Self.start(try pki.credentials())
        let (status, _, _) = try tool(
            "/usr/bin/curl",
            ["--silent", "--max-time", "5", "http://127.0.0.1:\(server.port)/health"]
        )
        #expect(status != 0)
    }

    @Test func keyThatIsNotPEMIsRefusedAtStart() throws {
        let pki = try TestTLS()
        defer { pki.removeFiles() }
        let credentials = TLSCredentials(
            certificateChainPEM: try pki.server.pemRepresentation(),
            privateKeyPEM: Array("not a key".utf8)
        )
        #expect(throws: HTTPServerError.cannotListenWithTLS(host: "127.0.0.1", port: 0)) {
            try Self.start(credentials)
        }
    }
}
