import Foundation
import KeywardCore
import Testing

/// A writer whose audit insert always fails, as a full disk or a broken table would.
struct RefusingAuditWriter: ForwardingStoreWriter {
    let base: any StoreWriter

    func insert(_ event: AuditEvent) throws {
        throw StoreError.unavailable("the audit log refused the event")
    }
}

/// If the event cannot be written, the change does not happen: every audited use case writes
/// its event in the change's own transaction.
@Suite struct AuditFailClosedTests {
    let world: TestWorld
    let refusing: WrappingStore

    init() throws {
        world = try TestWorld()
        refusing = WrappingStore(world.store) { RefusingAuditWriter(base: $0) }
    }

    func keyCount() throws -> Int {
        try world.store.read { try $0.keyCount(environmentID: world.environmentA.id) }
    }

    @Test func aKeyIsNotCreatedWhenItsEventCannotBeWritten() throws {
        let before = try keyCount()
        #expect(throws: CoreError.storeFailure("the audit log refused the event")) {
            try KeyService(store: refusing, clock: world.clock).create(
                TestWorld.keyRequest(),
                in: world.environmentA.id
            )
        }
        #expect(try keyCount() == before)
    }

    @Test func anEnvironmentIsNotCreatedWhenItsEventCannotBeWritten() throws {
        let before = try world.environments.list(in: world.organization.id).count
        #expect(throws: CoreError.self) {
            try EnvironmentService(store: refusing, clock: world.clock)
                .create(EnvironmentRequest(name: "Unaudited"), in: world.organization.id)
        }
        #expect(try world.environments.list(in: world.organization.id).count == before)
    }

    @Test func aKeyIsNeitherDeletedNorExportedWhenItsEventCannotBeWritten() throws {
        let key = try world.keys.create(TestWorld.keyRequest(), in: world.environmentA.id)
        let refusingKeys = KeyService(store: refusing, clock: world.clock)
        #expect(throws: CoreError.self) { try refusingKeys.delete(key.id, in: world.environmentA.id) }
        #expect(throws: CoreError.self) {
            try refusingKeys.exportCertificate(key.id, in: world.environmentA.id, as: .pem)
        }
        #expect(throws: CoreError.self) {
            try KeySigningRequestService(store: refusing, clock: world.clock).signingRequest(
                for: key.id,
                in: world.environmentA.id
            )
        }
        #expect(try world.keys.get(key.id, in: world.environmentA.id) == key)
    }

    @Test func servicesOutsideARequestWriteEventsWithoutActorOrCorrelationID() throws {
        let key = try world.keys.create(TestWorld.keyRequest(), in: world.environmentA.id)
        let page = try AuditService(store: world.store).events(
            AuditQuery(
                environmentID: world.environmentA.id,
                earliest: .distantPast,
                criterion: .resourceID(key.id.lowercaseString)
            )
        )
        #expect(page.events.map(\.action) == [.keyCreated])
        #expect(page.events.first?.actor == nil)
        #expect(page.events.first?.correlationID == nil)
        #expect(page.events.first?.resource == .key(key))
    }

    @Test func theRequestContextNamesTheCorrelationIDAndAddress() throws {
        let context = AuditContext(correlationID: "request-1", clientAddress: "192.0.2.7")
        let key = try AuditContext.$current.withValue(context) {
            try world.keys.create(TestWorld.keyRequest(), in: world.environmentA.id)
        }
        let event = try AuditService(store: world.store).events(
            AuditQuery(
                environmentID: world.environmentA.id,
                earliest: .distantPast,
                criterion: .correlationID("request-1")
            )
        ).events.first
        #expect(event?.resource?.id == key.id)
        #expect(event?.clientAddress == "192.0.2.7")
    }

    @Test func everyActionTypeIsNounDotVerbWithADescription() {
        for action in AuditAction.allCases {
            #expect(action.rawValue.split(separator: ".").count == 2)
            #expect(action.rawValue == action.rawValue.uppercased())
        }
        #expect(AuditAction.keyCreated.description == "Key Created")
        #expect(AuditAction.csrExported.description == "CSR Exported")
        #expect(AuditAction.clientAuthenticationFailed.description == "Client Authentication Failed")
    }
}
