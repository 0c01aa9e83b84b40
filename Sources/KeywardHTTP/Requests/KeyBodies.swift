import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A `serialNumber` as clients send it: a JSON number (PingOne's form, possibly above 2^64) or
/// a string of decimal digits. Numbers travel through `Decimal`, exact to 38 digits; a longer
/// serial must be sent as a string.
struct SerialNumberValue: Decodable, Equatable {
    let digits: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            digits = text
            return
        }
        let number = try container.decode(Decimal.self)
        let text = number.description
        guard !text.isEmpty, text.allSatisfy(\.isASCIIDigitCharacter), text.count <= 38 else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "must be a positive integer of at most 38 digits (send longer ones as a string)"
            )
        }
        digits = text
    }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { ("0"..."9").contains(self) }
}

/// PingOne's create-key body; every member optional here so that the rules name what is missing.
/// Read-only members a client may send (`status`, `startsAt`, `expiresAt`, `id`) are ignored.
struct KeyCreationBody: Decodable {
    var name: String?
    var algorithm: String?
    var keyLength: Int?
    var signatureAlgorithm: String?
    var subjectDN: String?
    var issuerDN: String?
    var validityPeriod: Int?
    var usageType: String?
    var serialNumber: SerialNumberValue?
    var isDefault: Bool?
    var customCRL: String?

    enum CodingKeys: String, CodingKey {
        case name, algorithm, keyLength, signatureAlgorithm, subjectDN, issuerDN, validityPeriod, usageType
        case serialNumber, customCRL
        case isDefault = "default"
    }

    var request: KeyCreationRequest {
        KeyCreationRequest(
            name: name,
            algorithm: algorithm,
            keyLength: keyLength,
            signatureAlgorithm: signatureAlgorithm,
            subjectDN: subjectDN,
            issuerDN: issuerDN,
            validityPeriod: validityPeriod,
            usageType: usageType,
            serialNumber: serialNumber?.digits,
            isDefault: isDefault ?? false,
            customCRL: customCRL
        )
    }
}

/// PingOne's update-key body (`default`, `usageType`, `issuerDN`), read leniently: a client that
/// GETs a key and PUTs the whole object back may send every member. Read-only members
/// (`status`, `createdAt`, `startsAt`, `expiresAt`, `_links`, `trustChain`) are ignored;
/// immutable ones are accepted when unchanged and refused, by name, when changed.
struct KeyUpdateBody: Decodable {
    var isDefault: Bool?
    var usageType: String?
    var issuerDN: String?
    var id: String?
    var name: String?
    var algorithm: String?
    var keyLength: Int?
    var signatureAlgorithm: String?
    var subjectDN: String?
    var serialNumber: SerialNumberValue?
    var validityPeriod: Int?
    var customCRL: String?
    var environment: IDReference?
    var organization: IDReference?

    enum CodingKeys: String, CodingKey {
        case isDefault = "default"
        case usageType, issuerDN, id, name, algorithm, keyLength, signatureAlgorithm, subjectDN, serialNumber
        case validityPeriod, customCRL, environment, organization
    }

    /// The first immutable member whose value differs from `key`'s, or `nil`.
    func changedImmutableMember(of key: Key) -> String? {
        let lowercasedID = { (id: UUID) in id.lowercaseString }
        let checks: [(String, Bool)] = [
            ("id", id.map { $0.lowercased() != lowercasedID(key.id) } ?? false),
            ("name", name.map { $0 != key.name } ?? false),
            ("algorithm", algorithm.map { $0 != key.algorithm.rawValue } ?? false),
            ("keyLength", keyLength.map { $0 != key.keyLength } ?? false),
            ("signatureAlgorithm", signatureAlgorithm.map { $0 != key.signatureAlgorithm.rawValue } ?? false),
            ("subjectDN", subjectDN.map { $0 != key.subjectDN } ?? false),
            ("serialNumber", serialNumber.map { $0.digits != key.serialNumber.description } ?? false),
            ("validityPeriod", validityPeriod.map { $0 != key.validityPeriod } ?? false),
            ("customCRL", customCRL.map { $0 != key.customCRL } ?? false),
            ("environment.id", environment.map { $0.id.lowercased() != lowercasedID(key.environmentID) } ?? false),
            ("organization.id", organization.map { $0.id.lowercased() != lowercasedID(key.organizationID) } ?? false),
        ]
        return checks.first { $0.1 }?.0
    }
}
