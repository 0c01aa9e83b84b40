/// Why a KeywardCore use case refused or failed.
///
/// KeywardHTTP maps each case to a status and a PingOne error body, exhaustively. No case
/// ever carries key material or secrets.
public enum CoreError: Error, Equatable, Sendable {
    /// No such record in this tenant; another tenant's record is "not found" too.
    case notFound(resource: String, id: String)
    /// A request field holds a value the rules refuse; `reason` says why, for people.
    case invalidValue(field: String, reason: String)
    /// A required request field is absent.
    case missingValue(field: String)
    /// The change conflicts with current state (e.g. deleting what is in use).
    case conflict(reason: String)
    /// `field` must be unique and another record already has this value.
    case duplicate(field: String, reason: String)
    /// The caller did not prove who it is: no token, a bad token, or wrong client credentials.
    /// `reason` is for the log and for the client; it never carries a secret or a token.
    case unauthenticated(reason: String)
    /// The caller is authenticated but its roles do not allow this; `reason` says which
    /// permission or role it lacks, never anything about records it cannot see.
    case forbidden(reason: String)
    /// The tenant already holds `limit` records of `resource`, as many as allowed (PingOne answers
    /// 403 for a 51st subscription).
    case limitExceeded(resource: String, limit: Int)
    /// The installation has not been initialised (`keyward init` has not run).
    case notInitialised
    /// The store failed; the detail is for the log, never for the client.
    case storeFailure(String)
    /// A cryptographic operation failed inside the library (not the caller's input).
    case cryptoFailure(String)
}

extension CoreError: CustomStringConvertible {
    /// A sentence for people (command-line output, logs); the API builds its own bodies.
    public var description: String {
        switch self {
        case .notFound(let resource, let id): "\(resource) \(id) not found"
        case .invalidValue(let field, let reason): "\(field): \(reason)"
        case .missingValue(let field): "\(field) is required"
        case .conflict(let reason): reason
        case .duplicate(let field, let reason): "\(field): \(reason)"
        case .unauthenticated(let reason): "not authenticated: \(reason)"
        case .forbidden(let reason): "not authorized: \(reason)"
        case .limitExceeded(let resource, let limit): "at most \(limit) \(resource) are allowed"
        case .notInitialised: "the installation is not initialised: run keyward init"
        case .storeFailure(let detail): "store failure: \(detail)"
        case .cryptoFailure(let detail): "cryptographic failure: \(detail)"
        }
    }
}
