import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// PingOne's key / certificate object (the SDK's `Certificate` schema), as `/keys` and
/// `/certificates` answer it. Absent optional members are omitted, never `null`;
/// `serialNumber` is a bare JSON number however large. Written by `JSONWriter` (see `write(to:)`).
struct KeyRepresentation {
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

    init(_ key: Key, at now: Date, selfURL: String) {
        links = ["self": HALLink(href: selfURL)]
        id = key.id.lowercaseString
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
        organization = IDReference(id: key.organizationID.lowercaseString)
        environment = IDReference(id: key.environmentID.lowercaseString)
        isDefault = key.isDefault
        customCRL = key.customCRL
        trustChain = key.trustChain.isEmpty ? nil : key.trustChain
    }

    init(_ certificate: PublicCertificate, at now: Date, selfURL: String) {
        links = ["self": HALLink(href: selfURL)]
        id = certificate.id.lowercaseString
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
        organization = IDReference(id: certificate.organizationID.lowercaseString)
        environment = IDReference(id: certificate.environmentID.lowercaseString)
        isDefault = certificate.isDefault
        customCRL = nil
        trustChain = nil
    }

    /// The object, members in alphabetical order.
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("_links")
        writer.beginObject()
        writer.member("self")
        writer.link(links["self"]?.href ?? "")
        writer.endObject()
        writer.member("algorithm")
        writer.string(algorithm)
        writer.member("createdAt")
        writer.string(createdAt)
        if let customCRL {
            writer.member("customCRL")
            writer.string(customCRL)
        }
        writer.member("default")
        writer.bool(isDefault)
        writer.member("environment")
        writer.reference(environment.id)
        writer.member("expiresAt")
        writer.string(expiresAt)
        writer.member("id")
        writer.string(id)
        writer.member("issuerDN")
        writer.string(issuerDN)
        writer.member("keyLength")
        writer.integer(keyLength)
        writer.member("name")
        writer.string(name)
        writer.member("organization")
        writer.reference(organization.id)
        writer.member("serialNumber")
        writer.number(digits: serialNumber)
        if let signatureAlgorithm {
            writer.member("signatureAlgorithm")
            writer.string(signatureAlgorithm)
        }
        writer.member("startsAt")
        writer.string(startsAt)
        writer.member("status")
        writer.string(status)
        writer.member("subjectDN")
        writer.string(subjectDN)
        if let trustChain {
            writer.member("trustChain")
            writer.beginArray()
            for certificate in trustChain { writer.string(certificate) }
            writer.endArray()
        }
        writer.member("usageType")
        writer.string(usageType)
        writer.member("validityPeriod")
        writer.integer(validityPeriod)
        writer.endObject()
    }
}

extension HTTPResponse {
    /// One key or certificate as JSON.
    static func json(_ representation: KeyRepresentation, status: HTTPStatus = .ok) -> HTTPResponse {
        var writer = JSONWriter(capacity: 2048)
        representation.write(to: &writer)
        return HTTPResponse(status: status, headers: ["Content-Type": JSONCoding.contentType], body: writer.bytes)
    }

    /// A PingOne collection of keys or certificates (`_embedded.<name>`, `_links`, `count`, `size`).
    static func json(
        collection name: StaticString,
        of items: [KeyRepresentation],
        selfURL: String,
        nextURL: String?,
        count: Int?
    ) -> HTTPResponse {
        var writer = JSONWriter(capacity: 1024 + 2048 * items.count)
        writer.beginObject()
        writer.member("_embedded")
        writer.beginObject()
        writer.member(name)
        writer.beginArray()
        for item in items { item.write(to: &writer) }
        writer.endArray()
        writer.endObject()
        writer.member("_links")
        writer.beginObject()
        if let nextURL {
            writer.member("next")
            writer.link(nextURL)
        }
        writer.member("self")
        writer.link(selfURL)
        writer.endObject()
        if let count {
            writer.member("count")
            writer.integer(count)
        }
        writer.member("size")
        writer.integer(items.count)
        writer.endObject()
        return HTTPResponse(status: .ok, headers: ["Content-Type": JSONCoding.contentType], body: writer.bytes)
    }
}

extension HTTPResponse {
    /// A binary (or PEM) body with exactly `contentType`, no parameters: the Go SDK compares it verbatim.
    static func export(_ bytes: [UInt8], contentType: String) -> HTTPResponse {
        HTTPResponse(status: .ok, headers: ["Content-Type": contentType], body: bytes)
    }
}
