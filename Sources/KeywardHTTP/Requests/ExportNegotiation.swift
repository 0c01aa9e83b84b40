/// Chooses between a record's JSON and a binary export from the `Accept` header.
///
/// A binary type is chosen only when the client names it explicitly (a wildcard means JSON);
/// `Accept: application/x-x509-ca-cert, application/json` therefore gets PEM, and its errors
/// JSON, as PingOne advises clients to send. A header that accepts neither JSON nor any offered
/// type is 406.
enum ExportNegotiation {
    static let json = "application/json"

    /// The chosen media type: one of `binaryTypes`, or `json`.
    static func choose(_ request: HTTPRequest, binaryTypes: [String]) throws(HTTPError) -> String {
        guard let header = request.headers["Accept"] else { return json }
        let accept = AcceptHeader(header)
        let explicit = binaryTypes.filter { accept.namesExplicitly($0) }
        if let choice = accept.preferred(among: explicit) {
            return choice
        }
        guard accept.accepts(json) else { throw .notAcceptable(offered: [json] + binaryTypes) }
        return json
    }
}
