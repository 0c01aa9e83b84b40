import Foundation
import KeywardCore
import Testing

@testable import KeywardStore

@Suite struct WriteDurabilityTests {
    @Test func aProcessDurableWriteCommitsAndLaterWritesAreFullAgain() throws {
        let database = try TestDatabase()
        let (_, environment) = try database.withStore { try Sample.tenant(in: $0) }
        let first = try Sample.key(in: environment)
        let second = try Sample.key(in: environment)
        try database.withStore { store in
            try store.write(durability: .process) { try $0.insert(first, privateKey: Sample.sharedKey) }
            try store.write { try $0.insert(second, privateKey: Sample.sharedKey) }
            // A refused process-durable write changes nothing and leaves the writer usable.
            #expect(throws: (any Error).self) {
                try store.write(durability: .process) { try $0.insert(first, privateKey: Sample.sharedKey) }
            }
        }
        // Reopened (as after a crash of the process): both rows are there.
        let found = try database.withStore { store in
            try store.read { reader in
                (
                    try reader.key(id: first.id, environmentID: environment.id),
                    try reader.key(id: second.id, environmentID: environment.id)
                )
            }
        }
        #expect(found.0 == first)
        #expect(found.1 == second)
        let synchronous = try database.rawConnection().query("PRAGMA synchronous", []) { row throws(StoreError) in
            try row.integer()
        }
        #expect(synchronous.first == 2, "a new connection starts FULL (2)")
    }
}
