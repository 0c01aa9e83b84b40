import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// PingOne's key / certificate object (the SDK's `Certificate` schema), as `/keys` and
/// `/certificates` answer it. Absent optional members are omitted, never `null`;
/// `serialNumber` is written as a bare number by `BareNumbers`.
struct KeyRepresentation: Encodable {
    let links: [String: HALLink]
    let id: String
    let name: String
    let serialNumber: String
    let subjectDN: String
    let issuerDN: String
    let algorithm: String
    let keyLength: Int
    let createdAt: String
    let startsAt: String
    let expiresAt: String
    let validityPeriod: Int
    let signatureAlgorithm: String?
    let usageType: String
    let status: String
    let organization: IDReference
    let environment: IDReference
    let isDefault: Bool
    let customCRL: String?
    let trustChain: [String]?

    enum CodingKeys: String, CodingKey {
        case links = "_links"
        case id, name, serialNumber, subjectDN, issuerDN, algorithm, keyLength, createdAt, startsAt, expiresAt
        case validityPeriod, signatureAlgorithm, usageType, status, organization, environment
        case isDefault = "default"
        case customCRL, trustChain
    }

    /// The member whose value `BareNumbers` unquotes.
    static let bareNumberMember = "serialNumber"

    init(_ key: Key, at now: Date, selfURL: String) {
        links = ["self": HALLink(href: selfURL)]
        id = key.id.uuidString.lowercased()
        name = key.name
        serialNumber = key.serialNumber.description
        subjectDN = key.subjectDN
        issuerDN = key.issuerDN
        algorithm = key.algorithm.rawValue
        keyLength = key.keyLength
        createdAt = JSONDate.string(key.createdAt)
        startsAt = JSONDate.string(key.startsAt)
        expiresAt = JSONDate.string(key.expiresAt)
        validityPeriod = key.validityPeriod
        signatureAlgorithm = key.signatureAlgorithm.rawValue
        usageType = key.usageType.rawValue
        status = key.status(at: now).rawValue
        organization = IDReference(id: key.organizationID.uuidString.lowercased())
        environment = IDReference(id: key.environmentID.uuidString.lowercased())
        isDefault = key.isDefault
        customCRL = key.customCRL
        trustChain = key.trustChain.isEmpty ? nil : key.trustChain
    }

    init(_ certificate: PublicCertificate, at now: Date, selfURL: String) {
        links = ["self": HALLink(href: selfURL)]
        id = certificate.id.uuidString.lowercased()
        name = certificate.name
        serialNumber = certificate.serialNumber.description
        subjectDN = certificate.subjectDN
        issuerDN = certificate.issuerDN
        algorithm = certificate.algorithm.rawValue
        keyLength = certificate.keyLength
        createdAt = JSONDate.string(certificate.createdAt)
        startsAt = JSONDate.string(certificate.startsAt)
        expiresAt = JSONDate.string(certificate.expiresAt)
        validityPeriod = certificate.validityPeriod
        signatureAlgorithm = certificate.signatureAlgorithm?.rawValue
        usageType = certificate.usageType.rawValue
        status =
            KeyStatus(
                now: now,
                startsAt: certificate.startsAt,
                expiresAt: certificate.expiresAt,
                revokedAt: certificate.revokedAt
            ).rawValue
        organization = IDReference(id: certificate.organizationID.uuidString.lowercased())
        environment = IDReference(id: certificate.environmentID.uuidString.lowercased())
        isDefault = certificate.isDefault
        customCRL = nil
        trustChain = nil
    }
}
