import KeywardCrypto

/// What a client sends to create or replace a key rotation policy (PingOne's body). Everything
/// is optional here so that a missing field is refused by name in `validate()`.
public struct RotationPolicyRequest: Sendable {
    public var name: String?
    public var dn: String?
    public var algorithm: String?
    public var keyLength: Int?
    public var signatureAlgorithm: String?
    public var usageType: String?
    public var validityPeriod: Int?
    public var rotationPeriod: Int?

    public init(
        name: String?,
        dn: String?,
        algorithm: String?,
        keyLength: Int?,
        signatureAlgorithm: String?,
        usageType: String?,
        validityPeriod: Int? = nil,
        rotationPeriod: Int? = nil
    ) {
        self.name = name
        self.dn = dn
        self.algorithm = algorithm
        self.keyLength = keyLength
        self.signatureAlgorithm = signatureAlgorithm
        self.usageType = usageType
        self.validityPeriod = validityPeriod
        self.rotationPeriod = rotationPeriod
    }

    /// A checked request: every value is one PingOne allows.
    public struct Valid: Sendable {
        public let name: String
        public let dn: String
        public let keyLength: Int
        public let validityPeriod: Int
        public let rotationPeriod: Int
    }

    /// PingOne's defaults and bounds.
    public static let defaultValidityPeriod = 365
    public static let defaultRotationPeriod = 90
    public static let minimumRotationPeriod = 30
    public static let keyLengths = [2048, 3072, 4096, 7680]

    /// Checks every field, naming the first wrong one: `name` (non-empty), `dn` (a
    /// distinguished name with a CN), `algorithm` RSA, `keyLength` 2048/3072/4096/7680,
    /// `signatureAlgorithm` SHA256withRSA, `usageType` SIGNING, `validityPeriod` 1 day to 30
    /// years (default 365), `rotationPeriod` 30 to `validityPeriod − 1` (default 90).
    public func validate() throws(CoreError) -> Valid {
        guard let name else { throw .missingValue(field: "name") }
        try NameRules.check(name, field: "name")
        guard let dn else { throw .missingValue(field: "dn") }
        let parsed: DistinguishedName
        do {
            parsed = try DistinguishedName(parsing: dn)
        } catch {
            throw .invalidValue(field: "dn", reason: "is not a distinguished name (\(error))")
        }
        guard let commonName = parsed.commonName, !commonName.isEmpty else {
            throw .invalidValue(field: "dn", reason: "must have a non-empty CN")
        }
        try Self.require(algorithm, field: "algorithm", equals: RotationPolicy.algorithm.rawValue)
        guard let keyLength else { throw .missingValue(field: "keyLength") }
        guard Self.keyLengths.contains(keyLength) else {
            throw .invalidValue(field: "keyLength", reason: "must be one of 2048, 3072, 4096, 7680")
        }
        try Self.require(
            signatureAlgorithm,
            field: "signatureAlgorithm",
            equals: RotationPolicy.signatureAlgorithm.rawValue
        )
        try Self.require(usageType, field: "usageType", equals: RotationPolicy.usageType.rawValue)
        let validity = validityPeriod ?? Self.defaultValidityPeriod
        guard ValidityBounds.range.contains(validity) else {
            throw .invalidValue(
                field: "validityPeriod",
                reason: "must be between \(ValidityBounds.range.lowerBound) and \(ValidityBounds.range.upperBound) days"
            )
        }
        let rotation = rotationPeriod ?? Self.defaultRotationPeriod
        guard rotation >= Self.minimumRotationPeriod, rotation <= validity - 1 else {
            throw .invalidValue(
                field: "rotationPeriod",
                reason: "must be between \(Self.minimumRotationPeriod) days and validityPeriod - 1"
                    + " (\(validity - 1)) days"
            )
        }
        return Valid(name: name, dn: dn, keyLength: keyLength, validityPeriod: validity, rotationPeriod: rotation)
    }

    private static func require(_ value: String?, field: String, equals allowed: String) throws(CoreError) {
        guard let value else { throw .missingValue(field: field) }
        guard value == allowed else {
            throw .invalidValue(field: field, reason: "must be \(allowed) (the only value key rotation policies allow)")
        }
    }
}
