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
    /// The key entered the two weeks before its expiry (written once, by the scheduler).
    case keyExpiring = "KEY.EXPIRING"
    /// The key's certificate expired (written once, by the scheduler).
    case keyExpired = "KEY.EXPIRED"
    case keyRotationPolicyCreated = "KEY_ROTATION_POLICY.CREATED"
    case keyRotationPolicyUpdated = "KEY_ROTATION_POLICY.UPDATED"
    case keyRotationPolicyDeleted = "KEY_ROTATION_POLICY.DELETED"
    /// A rotation: next became current, current became previous, a new next was generated.
    case keyRotationPolicyRotated = "KEY_ROTATION_POLICY.ROTATED"
    case csrExported = "CSR.EXPORTED"
    case csrResponseImported = "CSR_RESPONSE.IMPORTED"
    case certificateCreated = "CERTIFICATE.CREATED"
    case certificateDeleted = "CERTIFICATE.DELETED"
    case certificateExported = "CERTIFICATE.EXPORTED"
    /// The certificate entered the two weeks before its expiry (written once, by the scheduler).
    case certificateExpiring = "CERTIFICATE.EXPIRING"
    /// The certificate expired (written once, by the scheduler).
    case certificateExpired = "CERTIFICATE.EXPIRED"
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
