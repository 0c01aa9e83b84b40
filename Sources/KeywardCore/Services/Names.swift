import KeywardCrypto

/// Builds the distinguished names of the objects Keyward creates on its own.
enum Names {
    /// X.520 caps a common name at 64 characters.
    static let commonNameLimit = 64

    /// `CN=<prefix><name>`, the name cut to fit the CN limit, plus any other attributes.
    static func name(commonName: String, _ others: [(String, String)] = []) -> DistinguishedName {
        let cn = String(commonName.prefix(commonNameLimit))
        let rest = others.filter { !$0.1.isEmpty }.map {
            DistinguishedName.Attribute(type: $0.0, value: String($0.1.prefix(64)))
        }
        return DistinguishedName([DistinguishedName.Attribute(type: "CN", value: cn)] + rest)
    }
}

/// Limits on names given by clients.
enum NameRules {
    static let maximumLength = 256

    static func check(_ name: String, field: String) throws(CoreError) {
        let trimmed = name.trimmingSpaces()
        guard !trimmed.isEmpty else { throw .invalidValue(field: field, reason: "must not be empty") }
        guard name.count <= maximumLength else {
            throw .invalidValue(field: field, reason: "must be at most \(maximumLength) characters")
        }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalidValue(field: field, reason: "must not contain control characters")
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()
        return String(String.UnicodeScalarView(scalars))
    }
}
