/// The action types Keyward records, PingOne-style `NOUN.VERB` (`KEY.CREATED` is PingOne's own;
/// the others follow its pattern where PingOne documents none).
///
/// Adding an action is one line here; `description` ("Key Created") is derived from the type.
/// `docs/api.md` lists them all.
public enum AuditAction: String, CaseIterable, Sendable {
    case environmentCreated = "ENVIRONMENT.CREATED"
    case environmentUpdated = "ENVIRONMENT.UPDATED"
    case environmentDeleted = "ENVIRONMENT.DELETED"
    case keyCreated = "KEY.CREATED"
    case keyUpdated = "KEY.UPDATED"
    case keyDeleted = "KEY.DELETED"
    case keyExported = "KEY.EXPORTED"
    /// A signature made with the key's private half (`/signings`).
    case keySigned = "KEY.SIGNED"
    /// A decryption with the key's private half (`/decryptions`).
    case keyDecrypted = "KEY.DECRYPTED"
    /// A compact JWS signed with the key (`/keys/{keyID}/jws`).
    case keyJWSSigned = "KEY.JWS_SIGNED"
    case csrExported = "CSR.EXPORTED"
    case csrResponseImported = "CSR_RESPONSE.IMPORTED"
    case certificateCreated = "CERTIFICATE.CREATED"
    case certificateDeleted = "CERTIFICATE.DELETED"
    case certificateExported = "CERTIFICATE.EXPORTED"
    case accessTokenIssued = "ACCESS_TOKEN.ISSUED"
    case clientAuthenticationFailed = "CLIENT_AUTHENTICATION.FAILED"
    case applicationCreated = "APPLICATION.CREATED"
    case applicationUpdated = "APPLICATION.UPDATED"
    case applicationDeleted = "APPLICATION.DELETED"
    case secretUpdated = "SECRET.UPDATED"
    case secretDeleted = "SECRET.DELETED"
    case roleAssignmentCreated = "ROLE_ASSIGNMENT.CREATED"
    case roleAssignmentDeleted = "ROLE_ASSIGNMENT.DELETED"
    case subscriptionCreated = "SUBSCRIPTION.CREATED"
    /// A replaced subscription, or its rotated signing secret.
    case subscriptionUpdated = "SUBSCRIPTION.UPDATED"
    case subscriptionDeleted = "SUBSCRIPTION.DELETED"

    /// PingOne's `action.description`: the type's words in title case, e.g. "Key Created";
    /// acronyms stay upper case ("CSR Exported").
    public var description: String {
        rawValue.split(whereSeparator: { $0 == "." || $0 == "_" })
            .map { word in
                Self.acronyms.contains(String(word)) ? String(word) : word.prefix(1) + word.dropFirst().lowercased()
            }
            .joined(separator: " ")
    }

    private static let acronyms: Set<String> = ["CSR", "JWS"]
}
