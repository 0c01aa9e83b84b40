import KeywardCrypto

/// A request to generate a key, as PingOne's create-key body has it (strings as sent).
public struct KeyCreationRequest: Sendable {
    public var name: String?
    public var algorithm: String?
    public var keyLength: Int?
    public var signatureAlgorithm: String?
    public var subjectDN: String?
    public var issuerDN: String?
    public var validityPeriod: Int?
    public var usageType: String?
    /// Decimal text of the serial number, when the client supplies one.
    public var serialNumber: String?
    public var isDefault: Bool
    public var customCRL: String?

    public init(
        name: String? = nil,
        algorithm: String?,
        keyLength: Int?,
        signatureAlgorithm: String?,
        subjectDN: String?,
        issuerDN: String? = nil,
        validityPeriod: Int?,
        usageType: String?,
        serialNumber: String? = nil,
        isDefault: Bool = false,
        customCRL: String? = nil
    ) {
        self.name = name
        self.algorithm = algorithm
        self.keyLength = keyLength
        self.signatureAlgorithm = signatureAlgorithm
        self.subjectDN = subjectDN
        self.issuerDN = issuerDN
        self.validityPeriod = validityPeriod
        self.usageType = usageType
        self.serialNumber = serialNumber
        self.isDefault = isDefault
        self.customCRL = customCRL
    }
}

/// A create-key request that passed every rule, in typed form.
public struct ValidatedKeyRequest: Sendable {
    public let name: String
    public let spec: KeySpec
    public let signatureAlgorithm: SignatureAlgorithm
    public let subject: DistinguishedName
    public let subjectDN: String
    public let issuerDN: String?
    public let validityPeriod: Int
    public let usageType: UsageType
    public let serialNumber: SerialNumber?
    public let isDefault: Bool
    public let customCRL: String?
}

/// The bounds on `validityPeriod`, in days: at least one day, at most 30 years.
public enum ValidityBounds {
    public static let range = 1...10_950
}

extension KeyCreationRequest {
    /// The attributes PingOne requires in a generated key's subject (empty values allowed but CN).
    public static let requiredSubjectAttributes = ["CN", "OU", "O", "L", "ST", "C"]

    /// Checks every rule; each failure names its field.
    public func validate() throws(CoreError) -> ValidatedKeyRequest {
        guard let algorithmText = algorithm else { throw .missingValue(field: "algorithm") }
        guard let algorithm = KeyAlgorithm(rawValue: algorithmText) else {
            throw .invalidValue(field: "algorithm", reason: "must be RSA or EC")
        }
        guard let keyLength else { throw .missingValue(field: "keyLength") }
        guard let spec = KeySpec(algorithm: algorithm, keyLength: keyLength) else {
            let allowed = algorithm == .rsa ? "2048, 3072, 4096 or 7680" : "224, 256, 384 or 521"
            throw .invalidValue(field: "keyLength", reason: "must be \(allowed) for \(algorithm.rawValue)")
        }
        guard let signatureText = signatureAlgorithm else { throw .missingValue(field: "signatureAlgorithm") }
        guard let signature = SignatureAlgorithm(rawValue: signatureText) else {
            let names = SignatureAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")
            throw .invalidValue(field: "signatureAlgorithm", reason: "must be one of \(names)")
        }
        guard signature.keyAlgorithm == algorithm else {
            throw .invalidValue(
                field: "signatureAlgorithm",
                reason: "\(signature.rawValue) does not fit an \(algorithm.rawValue) key"
            )
        }
        let (subject, subjectText) = try Self.checkSubject(subjectDN)
        guard let validityPeriod else { throw .missingValue(field: "validityPeriod") }
        guard ValidityBounds.range.contains(validityPeriod) else {
            throw .invalidValue(
                field: "validityPeriod",
                reason: "must be between \(ValidityBounds.range.lowerBound) and \(ValidityBounds.range.upperBound) days"
            )
        }
        let usage = try UsageType.parse(usageType)
        let keyName = name ?? subject.commonName ?? ""
        try NameRules.check(keyName, field: "name")
        return ValidatedKeyRequest(
            name: keyName,
            spec: spec,
            signatureAlgorithm: signature,
            subject: subject,
            subjectDN: subjectText,
            issuerDN: try Self.checkIssuer(issuerDN),
            validityPeriod: validityPeriod,
            usageType: usage,
            serialNumber: try Self.checkSerial(serialNumber),
            isDefault: isDefault,
            customCRL: try Self.checkCustomCRL(customCRL, usage: usage)
        )
    }

    private static func checkSubject(_ text: String?) throws(CoreError) -> (DistinguishedName, String) {
        guard let text else { throw .missingValue(field: "subjectDN") }
        let subject: DistinguishedName
        do {
            subject = try DistinguishedName(parsing: text)
        } catch {
            throw .invalidValue(field: "subjectDN", reason: Self.reason(error))
        }
        let present = Set(subject.attributes.map(\.type))
        let missing = requiredSubjectAttributes.filter { !present.contains($0) }
        guard missing.isEmpty else {
            throw .invalidValue(
                field: "subjectDN",
                reason:
                    "must contain \(requiredSubjectAttributes.joined(separator: ", ")) (missing \(missing.joined(separator: ", ")))"
            )
        }
        guard let commonName = subject.commonName, !commonName.isEmpty else {
            throw .invalidValue(field: "subjectDN", reason: "CN must not be empty")
        }
        if let country = subject.value(of: "C"), !country.isEmpty,
            country.count != 2 || !country.allSatisfy({ $0.isASCII && $0.isLetter })
        {
            throw .invalidValue(field: "subjectDN", reason: "C must be a two-letter country code")
        }
        guard commonName.count <= 64 else {
            throw .invalidValue(field: "subjectDN", reason: "CN must be at most 64 characters")
        }
        return (subject, subject.description)
    }

    static func checkIssuer(_ text: String?) throws(CoreError) -> String? {
        guard let text else { return nil }
        do {
            return try DistinguishedName(parsing: text).description
        } catch {
            throw .invalidValue(field: "issuerDN", reason: Self.reason(error))
        }
    }

    private static func checkSerial(_ text: String?) throws(CoreError) -> SerialNumber? {
        guard let text else { return nil }
        do {
            return try SerialNumber(decimal: text)
        } catch {
            throw .invalidValue(field: "serialNumber", reason: "must be a positive integer of at most 20 bytes")
        }
    }

    private static func checkCustomCRL(_ url: String?, usage: UsageType) throws(CoreError) -> String? {
        guard let url else { return nil }
        guard usage == .issuance else {
            throw .invalidValue(field: "customCRL", reason: "is allowed only for ISSUANCE keys")
        }
        let allowed =
            url.hasPrefix("http://") && url.count <= 2048
            && url.dropFirst(7).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ".-/".contains($0)) }
        guard allowed else {
            throw .invalidValue(field: "customCRL", reason: "must match ^http://[a-zA-Z0-9.-/]*$")
        }
        return url
    }

    static func reason(_ error: CryptoError) -> String {
        switch error {
        case .malformedInput(_, let reason), .invalidArgument(_, let reason): reason
        default: "is not valid"
        }
    }
}
