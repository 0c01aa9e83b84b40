import COpenSSL

extension Certificate {
    /// basicConstraints, or `nil` when the certificate has none.
    public var basicConstraints: CertificateProfile.BasicConstraints? {
        var critical: Int32 = 0
        guard let raw = X509_get_ext_d2i(x509, NID_basic_constraints, &critical, nil) else {
            clearErrorQueue()
            return nil
        }
        let constraints = raw.assumingMemoryBound(to: BASIC_CONSTRAINTS.self)
        defer { BASIC_CONSTRAINTS_free(constraints) }
        guard constraints.pointee.ca != 0 else { return .endEntity }
        guard let pathLength = constraints.pointee.pathlen else { return .certificateAuthority(pathLength: nil) }
        return .certificateAuthority(pathLength: Int(ASN1_INTEGER_get(pathLength)))
    }

    /// True when basicConstraints says CA:TRUE.
    public var isCertificateAuthority: Bool {
        if case .certificateAuthority = basicConstraints { return true }
        return false
    }

    /// The keyUsage bits (empty when the extension is absent).
    public var keyUsage: KeyUsage {
        let flags = X509_get_key_usage(x509)
        guard flags != UInt32.max else { return [] }
        let bits: [(UInt32, KeyUsage)] = [
            (UInt32(KU_DIGITAL_SIGNATURE), .digitalSignature), (UInt32(KU_NON_REPUDIATION), .nonRepudiation),
            (UInt32(KU_KEY_ENCIPHERMENT), .keyEncipherment), (UInt32(KU_DATA_ENCIPHERMENT), .dataEncipherment),
            (UInt32(KU_KEY_AGREEMENT), .keyAgreement), (UInt32(KU_KEY_CERT_SIGN), .keyCertSign),
            (UInt32(KU_CRL_SIGN), .cRLSign),
        ]
        return KeyUsage(bits.filter { flags & $0.0 != 0 }.map(\.1))
    }

    /// The extendedKeyUsage purpose OIDs, in order (empty when absent).
    public var extendedKeyUsageOIDs: [String] {
        guard let raw = X509_get_ext_d2i(x509, NID_ext_key_usage, nil, nil) else {
            clearErrorQueue()
            return []
        }
        let stack = OpaquePointer(raw)
        defer { EXTENDED_KEY_USAGE_free(stack) }
        return (0..<keyward_sk_asn1_object_num(stack)).map {
            objectIdentifierText(keyward_sk_asn1_object_value(stack, $0))
        }
    }

    /// The subjectAltName entries Keyward models (DNS, IP, email, URI).
    public var subjectAlternativeNames: [GeneralName] {
        guard let raw = X509_get_ext_d2i(x509, NID_subject_alt_name, nil, nil) else {
            clearErrorQueue()
            return []
        }
        let names = OpaquePointer(raw)
        defer { keyward_general_names_free(names) }
        return [GeneralName](generalNames: names)
    }

    /// The subjectKeyIdentifier, if present.
    public var subjectKeyIdentifier: [UInt8]? {
        guard let identifier = X509_get0_subject_key_id(x509) else { return nil }
        return Self.bytes(identifier)
    }

    /// The keyIdentifier of authorityKeyIdentifier, if present.
    public var authorityKeyIdentifier: [UInt8]? {
        guard let identifier = X509_get0_authority_key_id(x509) else { return nil }
        return Self.bytes(identifier)
    }

    /// The CRL distribution point URIs.
    public var crlDistributionPoints: [String] {
        guard let raw = X509_get_ext_d2i(x509, NID_crl_distribution_points, nil, nil) else {
            clearErrorQueue()
            return []
        }
        let points = OpaquePointer(raw)
        defer { CRL_DIST_POINTS_free(points) }
        var uris: [String] = []
        for index in 0..<keyward_sk_dist_point_num(points) {
            guard let point = keyward_sk_dist_point_value(points, index),
                let name = point.pointee.distpoint, name.pointee.type == 0,
                let fullName = name.pointee.name.fullname
            else { continue }
            for entry in [GeneralName](generalNames: fullName) {
                if case .uri(let uri) = entry { uris.append(uri) }
            }
        }
        return uris
    }

    /// The OCSP responder URIs of authorityInfoAccess.
    public var ocspResponders: [String] {
        guard let stack = X509_get1_ocsp(x509) else {
            clearErrorQueue()
            return []
        }
        defer { X509_email_free(stack) }
        return (0..<keyward_sk_string_num(stack)).compactMap {
            keyward_sk_string_value(stack, $0).map { String(cString: $0) }
        }
    }

    /// The number of extensions, all kinds.
    public var extensionCount: Int { Int(X509_get_ext_count(x509)) }

    private static func bytes(_ string: UnsafePointer<ASN1_OCTET_STRING>) -> [UInt8] {
        Array(UnsafeBufferPointer(start: ASN1_STRING_get0_data(string), count: Int(ASN1_STRING_length(string))))
    }
}
