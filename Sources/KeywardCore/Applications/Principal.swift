#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Who makes an API call: the application a verified access token was issued to.
///
/// Until roles exist, an application may manage every environment of its organization; a
/// record of another organization is "not found" to it.
public struct Principal: Hashable, Sendable {
    public var clientID: UUID
    public var environmentID: UUID
    public var organizationID: UUID

    public init(clientID: UUID, environmentID: UUID, organizationID: UUID) {
        self.clientID = clientID
        self.environmentID = environmentID
        self.organizationID = organizationID
    }
}
