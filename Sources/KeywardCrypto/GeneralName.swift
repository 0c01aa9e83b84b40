import COpenSSL

#if canImport(Glibc)
    import Glibc
#endif

/// A subjectAltName entry: the kinds Keyward issues and reads.
public enum GeneralName: Hashable, Sendable {
    case dns(String)
    case ipAddress(String)
    case email(String)
    case uri(String)

    /// OpenSSL's `GEN_*` type and the text `a2i_GENERAL_NAME` parses.
    private var openSSLForm: (type: Int32, text: String) {
        switch self {
        case .dns(let name): (GEN_DNS, name)
        case .ipAddress(let address): (GEN_IPADD, address)
        case .email(let address): (GEN_EMAIL, address)
        case .uri(let uri): (GEN_URI, uri)
        }
    }

    /// Checks the value's form before OpenSSL encodes it (IA5String: ASCII, no spaces).
    func validate() throws(CryptoError) {
        let (_, text) = openSSLForm
        let printableASCII = text.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
        guard !text.isEmpty, text.utf8.count <= 2048, printableASCII else {
            throw .invalidArgument(name: "subjectAltName", reason: "'\(text)' must be non-empty printable ASCII")
        }
        switch self {
        case .dns(let name):
            let labels = name.split(separator: ".", omittingEmptySubsequences: false)
            let allowed = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber || c == "-") }
            let valid = labels.enumerated().allSatisfy { index, label in
                (index == 0 && label == "*" && labels.count > 2)
                    || (!label.isEmpty && label.count <= 63 && label.allSatisfy(allowed)
                        && label.first != "-" && label.last != "-")
            }
            guard valid, name.count <= 253 else {
                throw .invalidArgument(name: "subjectAltName", reason: "'\(name)' is not a valid DNS name")
            }
        case .email(let address):
            let parts = address.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw .invalidArgument(name: "subjectAltName", reason: "'\(address)' is not an email address")
            }
        case .uri(let uri):
            guard let colon = uri.firstIndex(of: ":"), colon != uri.startIndex,
                uri[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
            else {
                throw .invalidArgument(name: "subjectAltName", reason: "'\(uri)' is not an absolute URI")
            }
        case .ipAddress:
            break  // a2i_GENERAL_NAME parses IPv4 and IPv6 and refuses anything else
        }
    }

    /// A new OpenSSL `GENERAL_NAME` the caller owns.
    func makeGeneralName() throws(CryptoError) -> UnsafeMutablePointer<GENERAL_NAME> {
        try validate()
        let (type, text) = openSSLForm
        guard let name = a2i_GENERAL_NAME(nil, nil, nil, type, text, 0) else {
            clearErrorQueue()
            throw .invalidArgument(name: "subjectAltName", reason: "'\(text)' is not a valid value of its kind")
        }
        return name
    }

    /// Reads an OpenSSL `GENERAL_NAME`; kinds Keyward does not model give `nil`.
    init?(_ name: UnsafePointer<GENERAL_NAME>) {
        var type: Int32 = 0
        guard let value = GENERAL_NAME_get0_value(name, &type) else { return nil }
        let string = value.assumingMemoryBound(to: ASN1_STRING.self)
        let bytes = Array(
            UnsafeBufferPointer(start: ASN1_STRING_get0_data(string), count: Int(ASN1_STRING_length(string)))
        )
        switch type {
        case GEN_DNS: self = .dns(String(decoding: bytes, as: UTF8.self))
        case GEN_EMAIL: self = .email(String(decoding: bytes, as: UTF8.self))
        case GEN_URI: self = .uri(String(decoding: bytes, as: UTF8.self))
        case GEN_IPADD:
            guard let text = Self.ipText(bytes) else { return nil }
            self = .ipAddress(text)
        default: return nil
        }
    }

    private static func ipText(_ bytes: [UInt8]) -> String? {
        var buffer = [CChar](repeating: 0, count: 64)
        let family: Int32
        switch bytes.count {
        case 4: family = AF_INET
        case 16: family = AF_INET6
        default: return nil
        }
        guard inet_ntop(family, bytes, &buffer, socklen_t(buffer.count)) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension [GeneralName] {
    /// A new OpenSSL `GENERAL_NAMES` stack the caller owns (`keyward_general_names_free`).
    func makeGeneralNames() throws(CryptoError) -> OpaquePointer {
        let names = try ensure(keyward_sk_general_name_new(), "sk_GENERAL_NAME_new_null")
        for entry in self {
            let name: UnsafeMutablePointer<GENERAL_NAME>
            do {
                name = try entry.makeGeneralName()
            } catch {
                keyward_general_names_free(names)
                throw error
            }
            guard keyward_sk_general_name_push(names, name) > 0 else {
                GENERAL_NAME_free(name)
                keyward_general_names_free(names)
                throw .openSSL(call: "sk_GENERAL_NAME_push", queue: drainErrorQueue())
            }
        }
        return names
    }

    /// Reads an OpenSSL `GENERAL_NAMES` stack (borrowed).
    init(generalNames names: OpaquePointer) {
        self = (0..<keyward_sk_general_name_num(names)).compactMap { index in
            keyward_sk_general_name_value(names, index).flatMap { GeneralName(UnsafePointer($0)) }
        }
    }
}
