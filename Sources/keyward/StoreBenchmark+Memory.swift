import Dispatch
import KeywardCore
import KeywardCrypto
import KeywardStore
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StoreBenchmark {
    // MARK: - Resident memory

    /// `--rss-only DIR`: opens the store, prints the resident memory, pages through every
    /// environment once and prints it again. Run as a child of the benchmark, so that nothing
    /// else has touched the process.
    static func openOnly(_ directory: String) throws {
        let masterKey = try MasterKey.load(dataDirectory: directory, environment: [:])
        let store = try SQLiteStore(path: directory + "/keyward.db", masterKey: masterKey)
        StandardStreams.out(
            "rss.open-only  \(memory())  \(memoryTarget())  (fresh process: binary and libraries loaded, store opened)\n"
        )
        let service = KeyService(store: store)
        var keys = 0
        for organization in try OrganizationService(store: store).list() {
            for environment in try store.read({ try $0.environments(organizationID: organization.id) }) {
                var cursor: UUID?
                repeat {
                    let (page, _) = try service.list(in: environment.id, after: cursor, limit: pageSize)
                    keys += page.items.count
                    cursor = page.nextCursor
                } while cursor != nil
            }
        }
        StandardStreams.out(
            "rss.open-and-list  \(memory())  \(memoryTarget())  (same process after paging through all \(keys) keys, \(pageSize) a page)\n"
        )
    }

    /// Runs `keyward bench store --rss-only DIR` and waits for it; its lines go to our stdout.
    static func runChild(directory: String) throws {
        var path = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &path, path.count - 1)
        guard length > 0 else { throw BenchCommand.Failure(description: "cannot find /proc/self/exe") }
        let executable = String(decoding: path.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let arguments = [executable, "bench", "store", "--rss-only", directory]
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, nil, nil, argv, environ)
        guard spawned == 0 else { throw BenchCommand.Failure(description: "posix_spawn failed: \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw BenchCommand.Failure(description: "waitpid failed: \(errno)") }
        }
        // Exited normally (low 7 bits 0) with status 0 (the next 8 bits).
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw BenchCommand.Failure(description: "keyward bench store --rss-only failed (wait status \(status))")
        }
    }

    /// `VmRSS 41.2 MiB (anon 20.1, file 21.1; peak VmHWM 45.0)` from /proc/self/status.
    static func memory() -> String {
        let status = procStatus()
        func mib(_ field: String) -> String { format((status[field] ?? .nan) / 1024) }
        return "VmRSS \(mib("VmRSS")) MiB (anon \(mib("RssAnon")), file \(mib("RssFile")); peak VmHWM \(mib("VmHWM")))"
    }

    static func memoryTarget() -> String {
        let resident = (procStatus()["VmRSS"] ?? .infinity) / 1024
        return "target <= \(format(residentTargetMiB)) MiB: \(resident <= residentTargetMiB ? "met" : "MISSED")"
    }

    /// The `kB` fields of /proc/self/status.
    static func procStatus() -> [String: Double] {
        // /proc files have no size: read until end of file.
        let descriptor = open("/proc/self/status", O_RDONLY)
        guard descriptor >= 0 else { return [:] }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            bytes += buffer.prefix(count)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        var fields: [String: Double] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(whereSeparator: { $0 == ":" || $0 == " " || $0 == "\t" })
            if parts.count == 3, parts[2] == "kB", let value = Double(parts[1]) {
                fields[String(parts[0])] = value
            }
        }
        return fields
    }

    // MARK: - Files

    static func makeTemporaryDirectory() throws -> String {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(base)/keyward-bench-store.XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
        guard made != nil else { throw BenchCommand.Failure(description: "cannot create a directory in \(base)") }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func remove(_ directory: String) {
        do {
            try FileManager.default.removeItem(atPath: directory)
        } catch {
            StandardStreams.error("keyward bench store: could not remove \(directory): \(error)\n")
        }
    }

    func fileSize(_ path: String) -> Double {
        var information = stat()
        guard stat(path, &information) == 0 else { return 0 }
        return Double(information.st_size)
    }
}
