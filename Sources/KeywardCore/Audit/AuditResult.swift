/// How an audited action ended: PingOne's `result` (`status`, `description`).
public struct AuditResult: Hashable, Sendable {
    /// `SUCCESS` or `FAILURE`, as in PingOne's current events.
    public enum Status: String, Sendable {
        case success = "SUCCESS"
        case failure = "FAILURE"
    }

    public var status: Status
    /// A sentence for people, e.g. "Created Key Partner signing key"; never a secret or key material.
    public var description: String

    public init(status: Status, description: String) {
        self.status = status
        self.description = description
    }

    /// A successful action described by `description`.
    public static func success(_ description: String) -> AuditResult {
        AuditResult(status: .success, description: description)
    }

    /// A refused or failed action described by `description`.
    public static func failure(_ description: String) -> AuditResult {
        AuditResult(status: .failure, description: description)
    }
}
