// The child process of the durability test (Tests/KeywardCoreTests/DurabilityTests.swift).
//
// `keyward-durability-child DIR` opens (or initialises) an installation in DIR and creates P-256
// keys in a loop until it is killed. After each creation returns, it appends "<key id>\n" to
// DIR/created.log with one write(2): a line in the log means the store had answered "done".
import KeywardCore
import KeywardStore

#if canImport(Glibc)
    import Glibc
#endif

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

func fail(_ message: String) -> Never {
    let text = Array("keyward-durability-child: \(message)\n".utf8)
    _ = text.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(1)
}

let arguments = CommandLine.arguments
guard arguments.count == 2 else { fail("usage: keyward-durability-child DIR") }
let directory = arguments[1]
let environmentFile = "\(directory)/environment-id"

do {
    let firstRun = access("\(directory)/master.key", F_OK) != 0
    let masterKey =
        firstRun ? try MasterKey.create(in: directory) : try MasterKey.load(dataDirectory: directory)
    let store = try SQLiteStore(path: "\(directory)/keyward.db", masterKey: masterKey)
    let environmentID: UUID
    if let text = try? String(contentsOfFile: environmentFile, encoding: .utf8), let id = UUID(text: text) {
        environmentID = id
    } else {
        try InstallationService(store: store).initialise()
        let organization = try OrganizationService(store: store).create(name: "Durability")
        environmentID = try EnvironmentService(store: store).create(
            EnvironmentRequest(name: "Crash"),
            in: organization.id
        ).id
        try environmentID.uuidString.write(toFile: environmentFile, atomically: true, encoding: .utf8)
    }
    let log = open("\(directory)/created.log", O_WRONLY | O_CREAT | O_APPEND, 0o600)
    guard log >= 0 else { fail("cannot open created.log") }
    let keys = KeyService(store: store)
    let request = KeyCreationRequest(
        algorithm: "EC",
        keyLength: 256,
        signatureAlgorithm: "SHA256withECDSA",
        subjectDN: "CN=durability, OU=Test, O=Keyward, L=, ST=, C=US",
        validityPeriod: 30,
        usageType: "SIGNING"
    )
    while true {
        let key = try keys.create(request, in: environmentID)
        let line = Array("\(key.id.uuidString)\n".utf8)
        _ = line.withUnsafeBytes { write(log, $0.baseAddress, $0.count) }
    }
} catch {
    fail("\(error)")
}
