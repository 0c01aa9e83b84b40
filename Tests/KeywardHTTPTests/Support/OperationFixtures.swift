import Foundation
import KeywardCore
import KeywardCrypto
import KeywardTestSupport
import Testing

@testable import KeywardHTTP

/// A key imported for the cryptographic operations tests, whose private half the test keeps so
/// that Python can sign and decrypt with it.
struct ImportedKey {
    let id: String
    let privateKey: PrivateKey
    let certificate: Certificate
    /// `key.pem` (PKCS#8) and `cert.pem` in a temporary directory, for the Python scripts.
    let files: TemporaryDirectory

    var keyPath: String { files.path("key.pem") }
    var certificatePath: String { files.path("cert.pem") }
}

extension APIClient {
    /// Generates a key pair of `spec`, self-signs it and imports it as PKCS#12 with `usageType`.
    /// `now` is the server's time (a `ManualClock` in some suites) and `lifetime` the certificate's.
    func importKey(
        _ spec: KeySpec,
        usageType: String,
        in environment: String,
        now: Date = Date(),
        lifetime: TimeInterval = 30 * 86400
    ) throws -> ImportedKey {
        let privateKey = try PrivateKey.generate(spec)
        let certificate = try Certificate.issue(
            CertificateTemplate(
                subject: DistinguishedName(parsing: "CN=Operations \(spec.displayName), O=Keyward"),
                notBefore: now.addingTimeInterval(-60),
                notAfter: now.addingTimeInterval(lifetime),
                signatureAlgorithm: spec.algorithm == .rsa ? .sha256WithRSA : .sha256WithECDSA,
                profile: .endEntity(keyUsage: [.digitalSignature, .keyEncipherment])
            ),
            for: privateKey.publicKey,
            signedBy: .selfSigned(privateKey)
        )
        let file = try PKCS12Bundle(privateKey: privateKey, certificate: certificate).pkcs12(password: "secret")
        let response = try call(
            "POST",
            "/v1/environments/\(environment)/keys?usageType=\(usageType)",
            headers: [("Content-Type", "application/x-pkcs12-certificates"), ("X-PKCS12-Password", "secret")],
            body: file
        )
        guard response.status == 201, let id = try object(response)["id"] as? String else {
            throw SocketError(call: "import: HTTP \(response.status) \(text(response))", code: 0)
        }
        let files = try TemporaryDirectory()
        _ = try files.write("key.pem", try privateKey.pkcs8PEM())
        _ = try files.write("cert.pem", try certificate.pemRepresentation())
        return ImportedKey(id: id, privateKey: privateKey, certificate: certificate, files: files)
    }

    /// Uploads a certificate for `publicKey`, issued by a throwaway CA, to the Certificates
    /// resource; its id.
    func uploadCertificate(for publicKey: PublicKey, usageType: String = "SIGNING", in environment: String) throws
        -> String
    {
        let caKey = try PrivateKey.generate(.p256)
        let now = Date()
        let certificate = try Certificate.issue(
            CertificateTemplate(
                subject: DistinguishedName(parsing: "CN=Partner, O=Keyward"),
                notBefore: now.addingTimeInterval(-60),
                notAfter: now.addingTimeInterval(86400),
                signatureAlgorithm: .sha256WithECDSA,
                profile: .endEntity(keyUsage: [.digitalSignature])
            ),
            for: publicKey,
            signedBy: .selfSigned(caKey)
        )
        let response = try multipart(
            "POST",
            "/v1/environments/\(environment)/certificates",
            file: Array(try certificate.pemRepresentation().utf8),
            fileName: "partner.pem",
            fields: [("usageType", usageType)]
        )
        guard (200...202).contains(response.status), let id = try object(response)["id"] as? String else {
            throw SocketError(call: "upload: HTTP \(response.status) \(text(response))", code: 0)
        }
        return id
    }

    /// POSTs `body` as JSON to `/v1/environments/{environment}/{operation}`.
    func operation(_ operation: String, in environment: String, _ body: [String: Any]) throws -> RawHTTPResponse {
        try json("POST", "/v1/environments/\(environment)/\(operation)", try jsonText(body))
    }
}

/// Standard base64 of `bytes`.
func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }

/// The bytes of a standard base64 member of `object`, empty when absent.
func bytes(_ object: [String: Any], _ member: String) -> [UInt8] {
    (object[member] as? String).flatMap { Data(base64Encoded: $0) }.map { Array($0) } ?? []
}

/// `verify_signature.py`'s scheme and hash names for a signing algorithm.
func pythonScheme(_ algorithm: SigningAlgorithm) -> (scheme: String, hash: String) {
    let hash = algorithm.digest.rawValue.lowercased()
    switch algorithm.scheme {
    case .rsaPKCS1v15: return ("pkcs1v15", hash)
    case .rsaPSS: return ("pss", hash)
    case .ecdsa: return ("ecdsa", hash)
    }
}

/// The signing algorithms a key of `spec` can use.
func signingAlgorithms(for spec: KeySpec) -> [SigningAlgorithm] {
    SigningAlgorithm.allCases.filter { $0.refusal(for: spec) == nil }
}
