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
    /// The change conflicts with current state (e.g. a duplicate name, deleting what is in use).
    case conflict(reason: String)
    /// The installation has not been initialised (`keyward init` has not run).
    case notInitialised
    /// The store failed; the detail is for the log, never for the client.
    case storeFailure(String)
    /// A cryptographic operation failed inside the library (not the caller's input).
    case cryptoFailure(String)
}
