import KeywardCore

/// PingOne's key rotation policy object: the spec, `default`, `currentKeyId`, `nextKeyId`,
/// `rotatedAt`, and HAL links to itself, its environment and its JWKS. Keyward adds
/// `previousKeyId` while a rotated-out key is still published, and `nextRotationAt`.
struct RotationPolicyRepresentation: Encodable {
    let links: [String: HALLink]
    let id: String
    let environment: IDReference
    let name: String
    let usageType: String
    let isDefault: Bool
    let dn: String
    let algorithm: String
    let keyLength: Int
    let validityPeriod: Int
    let signatureAlgorithm: String
    let rotationPeriod: Int
    let currentKeyId: String?
    let nextKeyId: String?
    let previousKeyId: String?
    let rotatedAt: String?
    let nextRotationAt: String?
    let createdAt: String
    let updatedAt: String

    enum CodingKeys: String, CodingKey {
        case links = "_links"
        case isDefault = "default"
        case id, environment, name, usageType, dn, algorithm, keyLength, validityPeriod, signatureAlgorithm
        case rotationPeriod, currentKeyId, nextKeyId, previousKeyId, rotatedAt, nextRotationAt, createdAt, updatedAt
    }

    init(_ policy: RotationPolicy, services: APIServices) {
        let environmentID = policy.environmentID.lowercaseString
        let url = Self.url(policy, services: services)
        links = [
            "self": HALLink(href: url),
            "environment": HALLink(href: services.apiURL("/environments/\(environmentID)")),
            "jwks": HALLink(href: url + "/jwks"),
        ]
        id = policy.id.lowercaseString
        environment = IDReference(id: environmentID)
        name = policy.name
        usageType = RotationPolicy.usageType.rawValue
        isDefault = policy.isDefault
        dn = policy.dn
        algorithm = RotationPolicy.algorithm.rawValue
        keyLength = policy.keyLength
        validityPeriod = policy.validityPeriod
        signatureAlgorithm = RotationPolicy.signatureAlgorithm.rawValue
        rotationPeriod = policy.rotationPeriod
        currentKeyId = policy.currentKeyID?.lowercaseString
        nextKeyId = policy.nextKeyID?.lowercaseString
        let published = policy.previousRetiresAt.map { $0 > services.clock.now } == true
        previousKeyId = published ? policy.previousKeyID?.lowercaseString : nil
        rotatedAt = policy.rotatedAt.map(JSONDate.string)
        nextRotationAt = policy.nextRotationAt.map(JSONDate.string)
        createdAt = JSONDate.string(policy.createdAt)
        updatedAt = JSONDate.string(policy.updatedAt)
    }

    static func url(_ policy: RotationPolicy, services: APIServices) -> String {
        services.apiURL(
            "/environments/\(policy.environmentID.lowercaseString)/keyRotationPolicies/\(policy.id.lowercaseString)"
        )
    }
}
