import KeywardCore

/// PingOne's key rotation policy body (create and replace). Read-only members a client may
/// send back from a GET (`id`, `environment`, `default`, `currentKeyId`, `nextKeyId`,
/// `rotatedAt`, `_links`) are ignored; a member of the wrong type is refused by name.
struct RotationPolicyBody: Decodable {
    let name: String?
    let dn: String?
    let algorithm: String?
    let keyLength: Int?
    let signatureAlgorithm: String?
    let usageType: String?
    let validityPeriod: Int?
    let rotationPeriod: Int?

    var request: RotationPolicyRequest {
        RotationPolicyRequest(
            name: name,
            dn: dn,
            algorithm: algorithm,
            keyLength: keyLength,
            signatureAlgorithm: signatureAlgorithm,
            usageType: usageType,
            validityPeriod: validityPeriod,
            rotationPeriod: rotationPeriod
        )
    }
}
