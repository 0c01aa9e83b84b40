import Foundation
import KeywardCrypto
import KeywardTestSupport

/// A certificate for 127.0.0.1 signed by its own key, the receiver's server certificate.
struct ReceiverCertificate {
    let key: PrivateKey
    let certificate: Certificate

    init() throws {
        let now = Date()
        key = try PrivateKey.generate(.p256)
        certificate = try Certificate.issue(
            CertificateTemplate(
                subject: DistinguishedName(parsing: "CN=127.0.0.1, O=Keyward webhook receiver"),
                notBefore: now.addingTimeInterval(-3600),
                notAfter: now.addingTimeInterval(30 * 86400),
                signatureAlgorithm: .sha256WithECDSA,
                profile: .endEntity(
                    keyUsage: [.digitalSignature],
                    extendedKeyUsage: [.serverAuth],
                    subjectAlternativeNames: [.ipAddress("127.0.0.1")]
                )
            ),
            for: key.publicKey,
            signedBy: .selfSigned(key)
        )
    }
}

/// One request the receiver got.
struct ReceivedRequest: Decodable {
    let path: String
    let headers: [String: String]
    let body: String
    let clientSubject: String?
    let status: Int

    var bodyBytes: [UInt8] { Array(Data(base64Encoded: body) ?? Data()) }

    /// The header `name`, whatever its case.
    func header(_ name: String) -> String? {
        headers.first { $0.key.lowercased() == name.lowercased() }?.value
    }

    /// The delivered events (a JSON array, or JSON lines).
    func events() throws -> [[String: Any]] {
        if header("Content-Type") == "application/x-ndjson" {
            return try bodyBytes.split(separator: UInt8(ascii: "\n")).map {
                try JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] ?? [:]
            }
        }
        return try JSONSerialization.jsonObject(with: Data(bodyBytes)) as? [[String: Any]] ?? []
    }

    /// The delivered events' ids, in order.
    func eventIDs() throws -> [String] { try events().map { $0["id"] as? String ?? "" } }
}

/// `Tests/Interop/python/webhook_receiver.py` running on a loopback port: HTTPS with `certificate`,
/// answering with `statuses` in turn, optionally requiring a client certificate from `clientCAs`.
final class Receiver {
    let process = Process()
    let directory: TemporaryDirectory
    let port: Int

    init(_ certificate: ReceiverCertificate, statuses: [Int] = [200], clientCAs: String? = nil) throws {
        directory = try TemporaryDirectory()
        let cert = try directory.write("cert.pem", try certificate.certificate.pemRepresentation())
        let key = try directory.write("key.pem", try certificate.key.pkcs8PEM())
        var arguments = [
            repositoryRoot.appendingPathComponent("Tests/Interop/python/webhook_receiver.py").path,
            "--cert", cert, "--key", key, "--log", directory.path("requests.jsonl"),
            "--statuses", statuses.map(String.init).joined(separator: ","),
        ]
        if let clientCAs { arguments += ["--client-ca", try directory.write("clients.pem", clientCAs)] }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // One line, not "until end of file": a receiver started meanwhile by a test running in
        // parallel may inherit this pipe's write end and keep it open.
        var bytes = Data()
        while !bytes.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            bytes += chunk
        }
        let line = String(decoding: bytes, as: UTF8.self)
        guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw ReceiverError(message: "the receiver did not start: '\(line)'")
        }
        self.port = port
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }

    var url: String { "https://127.0.0.1:\(port)/hook" }

    /// Every request received so far, oldest first.
    func requests() throws -> [ReceivedRequest] {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: directory.path("requests.jsonl"))) else {
            return []
        }
        return try data.split(separator: UInt8(ascii: "\n")).map {
            try JSONDecoder().decode(ReceivedRequest.self, from: Data($0))
        }
    }
}

struct ReceiverError: Error {
    let message: String
}
