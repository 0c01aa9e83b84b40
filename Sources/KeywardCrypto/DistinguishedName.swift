/// A distinguished name in the string form PingOne uses: `CN=…, OU=…, O=…, L=…, ST=…, C=…`.
///
/// Relative names are kept in string order (most specific first, as RFC 4514 prints them;
/// the reverse of their order in DER). Values are UTF-8 and escaped as RFC 4514 says.
/// Parsing the printed form gives the same name back, and printing a parsed canonical
/// string gives the same string back. One caveat comes from DER itself: the attributes of a
/// multi-valued RDN (`OU=Dev+OU=Ops`) form a SET, which DER sorts, so a name read back from a
/// certificate lists them in DER order.
public struct DistinguishedName: Hashable, Sendable {
    /// One `type=value` pair, with the type in its canonical spelling (`CN`, `O`, or a dotted OID).
    public struct Attribute: Hashable, Sendable {
        public var type: String
        public var value: String

        public init(type: String, value: String) {
            self.type = type
            self.value = value
        }
    }

    /// The relative distinguished names, most specific first; most hold one attribute.
    public var relativeNames: [[Attribute]]

    /// A name of single-attribute relative names, most specific first.
    public init(_ attributes: [Attribute]) {
        relativeNames = attributes.map { [$0] }
    }

    /// A name from relative names, most specific first.
    public init(relativeNames: [[Attribute]]) {
        self.relativeNames = relativeNames
    }

    /// Parses the RFC 4514 / PingOne string form. RDNs may be separated by `,` or `;`, with
    /// optional spaces; `+` joins the attributes of one RDN. Empty values (`L=`) are kept.
    public init(parsing text: String) throws(CryptoError) {
        var parser = DistinguishedNameParser(text)
        relativeNames = try parser.parse()
    }

    /// Every attribute, most specific first.
    public var attributes: [Attribute] { relativeNames.flatMap { $0 } }

    /// The value of the first attribute of `type` (e.g. "CN"), or `nil`.
    public func value(of type: String) -> String? {
        let wanted = AttributeType.canonical(type) ?? type
        return attributes.first { $0.type == wanted }?.value
    }

    /// The first common name, if any.
    public var commonName: String? { value(of: "CN") }
}

extension DistinguishedName: CustomStringConvertible {
    /// The PingOne string form: RDNs joined by ", ", attributes of one RDN by "+".
    public var description: String {
        relativeNames.map { rdn in
            rdn.map { "\($0.type)=\(Self.escape($0.value))" }.joined(separator: "+")
        }.joined(separator: ", ")
    }

    /// Escapes a value as RFC 4514 section 2.4 requires.
    static func escape(_ value: String) -> String {
        var output = ""
        let scalars = Array(value.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "\"", "+", ",", ";", "<", ">", "\\", "=":
                output += "\\\(scalar)"
            case "#" where index == 0:
                output += "\\#"
            case " " where index == 0 || index == scalars.count - 1:
                output += "\\ "
            case "\0":
                output += "\\00"
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}

/// The attribute types Keyward knows by name, with their OpenSSL short names.
enum AttributeType {
    /// Canonical spelling → OpenSSL short name (for `OBJ_txt2nid`).
    static let openSSLNames: [String: String] = [
        "CN": "CN", "OU": "OU", "O": "O", "L": "L", "ST": "ST", "C": "C",
        "STREET": "street", "DC": "DC", "UID": "UID", "EMAILADDRESS": "emailAddress",
        "SERIALNUMBER": "serialNumber", "T": "title", "GIVENNAME": "GN", "SN": "SN",
        "POSTALCODE": "postalCode",
    ]

    /// Other spellings accepted on input.
    private static let aliases: [String: String] = [
        "E": "EMAILADDRESS", "S": "ST", "TITLE": "T", "GN": "GIVENNAME", "SURNAME": "SN",
        "COMMONNAME": "CN", "ORGANIZATIONNAME": "O", "ORGANIZATIONALUNITNAME": "OU", "LOCALITYNAME": "L",
        "STATEORPROVINCENAME": "ST", "COUNTRYNAME": "C", "DOMAINCOMPONENT": "DC", "USERID": "UID",
    ]

    /// The canonical spelling of a type name, a dotted OID as is, or `nil` when unknown.
    static func canonical(_ type: String) -> String? {
        let upper = type.uppercased()
        if openSSLNames[upper] != nil { return upper }
        if let alias = aliases[upper] { return alias }
        if isDottedOID(type) { return type }
        return nil
    }

    private static func isDottedOID(_ text: String) -> Bool {
        let arcs = text.split(separator: ".", omittingEmptySubsequences: false)
        return arcs.count >= 2
            && arcs.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }
}
