import COpenSSL

extension DistinguishedName {
    /// Builds an OpenSSL `X509_NAME` (caller frees). RDNs go in DER order, the reverse of
    /// string order. Attributes with empty values (PingOne writes `L=, ST=`) are left out,
    /// because X.520 strings must hold at least one character (RFC 5280 §4.1.2.4).
    func makeX509Name() throws(CryptoError) -> OpaquePointer {
        let name = try ensure(X509_NAME_new(), "X509_NAME_new")
        for rdn in relativeNames.reversed() {
            var startsNewRDN = true
            for attribute in rdn where !attribute.value.isEmpty {
                let objectName = AttributeType.openSSLNames[attribute.type] ?? attribute.type
                let nid = OBJ_txt2nid(objectName)
                let value = Array(attribute.value.utf8)
                let added =
                    nid == NID_undef
                    ? 0
                    : X509_NAME_add_entry_by_NID(
                        name,
                        nid,
                        MBSTRING_UTF8,
                        value,
                        Int32(value.count),
                        -1,
                        startsNewRDN ? 0 : -1
                    )
                guard added == 1 else {
                    X509_NAME_free(name)
                    let detail = drainErrorQueue().last.map { " (\($0))" } ?? ""
                    throw .invalidArgument(
                        name: attribute.type,
                        reason: "the value is not allowed for this attribute\(detail)"
                    )
                }
                startsNewRDN = false
            }
        }
        return name
    }

    /// Reads an OpenSSL `X509_NAME` (borrowed), giving string order.
    init(x509Name name: OpaquePointer) throws(CryptoError) {
        var relativeNames: [[Attribute]] = []
        var lastSet: Int32 = -1
        for index in 0..<X509_NAME_entry_count(name) {
            guard let entry = X509_NAME_get_entry(name, index) else { continue }
            let attribute = try Attribute(entry: entry)
            let set = X509_NAME_ENTRY_set(entry)
            if set == lastSet, !relativeNames.isEmpty {
                relativeNames[relativeNames.count - 1].append(attribute)
            } else {
                relativeNames.append([attribute])
            }
            lastSet = set
        }
        self.init(relativeNames: relativeNames.reversed())
    }
}

extension DistinguishedName.Attribute {
    fileprivate init(entry: OpaquePointer) throws(CryptoError) {
        let object = X509_NAME_ENTRY_get_object(entry)
        let nid = OBJ_obj2nid(object)
        let shortName = nid == NID_undef ? nil : OBJ_nid2sn(nid).map { String(cString: $0) }
        let canonical = AttributeType.openSSLNames.first { $0.value == shortName }?.key
        let typeName = canonical ?? objectIdentifierText(object)
        var utf8: UnsafeMutablePointer<UInt8>?
        let length = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(entry))
        guard length >= 0, let utf8 else {
            throw .malformedInput(format: "distinguished name", reason: "a value cannot be read as UTF-8")
        }
        defer { keyward_openssl_free(utf8) }
        let value = String(decoding: UnsafeBufferPointer(start: utf8, count: Int(length)), as: UTF8.self)
        self.init(type: typeName, value: value)
    }
}

/// The dotted-decimal form of an ASN.1 object identifier.
func objectIdentifierText(_ object: OpaquePointer?) -> String {
    var buffer = [CChar](repeating: 0, count: 128)
    let length = OBJ_obj2txt(&buffer, Int32(buffer.count), object, 1)
    guard length > 0 else { return "" }
    return String(decoding: buffer.prefix(Int(min(length, 127))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
