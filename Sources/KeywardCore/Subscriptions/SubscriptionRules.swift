#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The rules a subscription must follow; each refusal names PingOne's field.
enum SubscriptionRules {
    /// The longest endpoint URL accepted.
    static let maximumURLLength = 2048
    /// The most custom headers a subscription may send.
    static let maximumHeaders = 50
    /// Headers Keyward sets itself on every delivery; a subscription may not replace them.
    static let reservedHeaders: Set<String> = [
        "content-type", "content-length", "host", "transfer-encoding", "connection", "expect",
    ]
    /// The prefix of Keyward's own delivery headers (`X-Keyward-Signature` …).
    static let reservedHeaderPrefix = "x-keyward-"

    /// Checks every value that needs no store.
    static func check(_ request: SubscriptionRequest) throws(CoreError) {
        try NameRules.check(request.name, field: "name")
        guard !request.includedActionTypes.isEmpty else {
            throw .invalidValue(
                field: "filterOptions.includedActionTypes",
                reason: "must name at least one action type"
            )
        }
        for type in request.includedActionTypes where !isActionType(type) {
            throw .invalidValue(
                field: "filterOptions.includedActionTypes",
                reason:
                    "'\(type.prefix(64))' is not an action type of the form NOUN.VERB (upper case, e.g. KEY.CREATED)"
            )
        }
        guard request.includedApplicationIDs.count <= Subscription.maximumIncludedApplications else {
            throw .invalidValue(
                field: "filterOptions.includedApplications",
                reason: "must name at most \(Subscription.maximumIncludedApplications) applications"
            )
        }
        try checkURL(request.url)
        try checkHeaders(request.headers)
        guard (1...Subscription.maximumEventsPerPayload).contains(request.maximumEventsPerPayload) else {
            throw .invalidValue(
                field: "payloadOptions.maximumPayloadLimit.size",
                reason: "must be from 1 to \(Subscription.maximumEventsPerPayload) events"
            )
        }
        if request.prettyPrint && request.payloadFormat != .jsonArray {
            throw .invalidValue(
                field: "payloadOptions.payloadFormat.https.prettyPrint",
                reason: "is allowed only with JSON_ARRAY"
            )
        }
        if request.tlsClientAuthKeyID != nil && !request.verifyTLSCertificates {
            throw .invalidValue(
                field: "tlsClientAuthKeyPair.id",
                reason: "a TLS client key requires verifyTlsCertificates to be true"
            )
        }
    }

    /// Checks that the TLS client key, if any, is an `OUTBOUND_MTLS` key of `environmentID`.
    static func checkClientKey(_ request: SubscriptionRequest, in environmentID: UUID, reader: any StoreReader) throws {
        guard let keyID = request.tlsClientAuthKeyID else { return }
        guard let key = try reader.key(id: keyID, environmentID: environmentID) else {
            throw CoreError.invalidValue(
                field: "tlsClientAuthKeyPair.id",
                reason: "there is no key \(keyID.lowercaseString) in this environment"
            )
        }
        guard key.usageType == .outboundMTLS else {
            throw CoreError.invalidValue(
                field: "tlsClientAuthKeyPair.id",
                reason: "key \(keyID.lowercaseString) has usageType \(key.usageType.rawValue); it must be OUTBOUND_MTLS"
            )
        }
    }

    /// Refuses to delete a key that a subscription presents as its TLS client certificate.
    static func checkKeyDeletion(_ key: Key, in reader: any StoreReader) throws {
        try checkUnused(key, in: reader)
    }

    /// Refuses to take `OUTBOUND_MTLS` away from a key a subscription presents for mTLS.
    static func checkUsageChange(from before: Key, to after: Key, in reader: any StoreReader) throws {
        guard before.usageType == .outboundMTLS, after.usageType != .outboundMTLS else { return }
        try checkUnused(before, in: reader)
    }

    private static func checkUnused(_ key: Key, in reader: any StoreReader) throws {
        guard let user = try reader.subscriptions(usingKey: key.id, environmentID: key.environmentID).first else {
            return
        }
        throw CoreError.conflict(
            reason: "Key \(key.name) is the tlsClientAuthKeyPair of subscription '\(user.name)' "
                + "(\(user.id.lowercaseString)); change or delete the subscription first"
        )
    }

    /// `NOUN.VERB`: two parts of upper-case letters, digits and `_`, each starting with a letter.
    static func isActionType(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, text.utf8.count <= 128 else { return false }
        return parts.allSatisfy { part in
            guard let first = part.unicodeScalars.first, ("A"..."Z").contains(first) else { return false }
            return part.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
        }
    }

    private static func checkURL(_ url: String) throws(CoreError) {
        let field = "httpEndpoint.url"
        guard url.utf8.count <= maximumURLLength else {
            throw .invalidValue(field: field, reason: "must be at most \(maximumURLLength) characters")
        }
        guard url.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw .invalidValue(field: field, reason: "must not contain spaces, control or non-ASCII characters")
        }
        guard url.lowercased().hasPrefix("https://") else {
            throw .invalidValue(field: field, reason: "must be an https:// URL")
        }
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            throw .invalidValue(field: field, reason: "must be an https:// URL with a host")
        }
        guard components.user == nil, components.password == nil else {
            throw .invalidValue(field: field, reason: "must not carry credentials; send them in httpEndpoint.headers")
        }
    }

    private static func checkHeaders(_ headers: [String: String]) throws(CoreError) {
        guard headers.count <= maximumHeaders else {
            throw .invalidValue(field: "httpEndpoint.headers", reason: "must hold at most \(maximumHeaders) headers")
        }
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            let field = "httpEndpoint.headers.\(name.prefix(64))"
            guard !name.isEmpty, name.utf8.count <= 256, name.unicodeScalars.allSatisfy(isTokenCharacter) else {
                throw .invalidValue(field: field, reason: "is not a valid HTTP header name")
            }
            let lowered = name.lowercased()
            guard !reservedHeaders.contains(lowered), !lowered.hasPrefix(reservedHeaderPrefix) else {
                throw .invalidValue(field: field, reason: "is set by Keyward on every delivery and cannot be replaced")
            }
            guard value.utf8.count <= 8192,
                value.unicodeScalars.allSatisfy({ $0 == "\t" || ($0.value >= 0x20 && $0.value != 0x7F) })
            else {
                throw .invalidValue(field: field, reason: "must be at most 8192 characters without control characters")
            }
        }
    }

    private static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || "!#$%&'*+-.^_`|~".unicodeScalars.contains(scalar)
    }
}
