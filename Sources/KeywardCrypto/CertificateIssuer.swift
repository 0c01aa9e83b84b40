import COpenSSL

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension Certificate {
    /// Issues an X.509 v3 certificate for `publicKey` from `template`, signed by `signer`.
    ///
    /// The signature algorithm must fit the signer's key (RSA or EC). Fixed-vocabulary extensions
    /// go through OpenSSL's extension configuration; names and URLs are validated first and
    /// subjectAltName is built as typed `GENERAL_NAME`s, so no input can inject configuration.
    public static func issue(
        _ template: CertificateTemplate,
        for publicKey: PublicKey,
        signedBy signer: CertificateSigner
    ) throws(CryptoError) -> Certificate {
        guard signer.key.spec.algorithm == template.signatureAlgorithm.keyAlgorithm else {
            throw .algorithmMismatch(
                "\(template.signatureAlgorithm.rawValue) needs an \(template.signatureAlgorithm.keyAlgorithm.rawValue) signing key"
            )
        }
        guard template.notBefore < template.notAfter else {
            throw .invalidArgument(name: "validity", reason: "notBefore must be earlier than notAfter")
        }
        let x509 = try ensure(X509_new(), "X509_new")
        let certificate = Certificate(takingOwnershipOf: x509)
        try ensure(X509_set_version(x509, 2), "X509_set_version")
        let serial = try template.serialNumber.asn1Integer()
        defer { ASN1_INTEGER_free(serial) }
        try ensure(X509_set_serialNumber(x509, serial), "X509_set_serialNumber")
        let subject = try template.subject.makeX509Name()
        defer { X509_NAME_free(subject) }
        try ensure(X509_set_subject_name(x509, subject), "X509_set_subject_name")
        switch signer {
        case .selfSigned:
            try ensure(X509_set_issuer_name(x509, subject), "X509_set_issuer_name")
        case .authority(let issuerCertificate, _):
            try ensure(
                X509_set_issuer_name(x509, X509_get_subject_name(issuerCertificate.x509)),
                "X509_set_issuer_name"
            )
        }
        try setTime(X509_getm_notBefore(x509), template.notBefore)
        try setTime(X509_getm_notAfter(x509), template.notAfter)
        try ensure(X509_set_pubkey(x509, publicKey.pkey), "X509_set_pubkey")
        var extensions = ExtensionWriter(certificate: x509, signer: signer)
        try extensions.add(template.profile)
        let signed = X509_sign(x509, signer.key.pkey, template.signatureAlgorithm.digest.messageDigest)
        guard signed > 0 else { throw .openSSL(call: "X509_sign", queue: drainErrorQueue()) }
        return certificate
    }

    private static func setTime(_ field: UnsafeMutablePointer<ASN1_TIME>?, _ date: Date) throws(CryptoError) {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds > -2_208_988_800, seconds < 253_402_300_800 else {  // 1900 ... 9999
            throw .invalidArgument(name: "validity", reason: "dates must lie between 1900 and 9999")
        }
        guard ASN1_TIME_set(field, time_t(seconds)) != nil else {
            throw .openSSL(call: "ASN1_TIME_set", queue: drainErrorQueue())
        }
    }
}

/// Adds a profile's extensions to a certificate being built.
private struct ExtensionWriter {
    let certificate: OpaquePointer
    let signer: CertificateSigner
    private var context = X509V3_CTX()

    init(certificate: OpaquePointer, signer: CertificateSigner) {
        self.certificate = certificate
        self.signer = signer
        let issuer: OpaquePointer
        switch signer {
        case .selfSigned: issuer = certificate
        case .authority(let issuerCertificate, _): issuer = issuerCertificate.x509
        }
        X509V3_set_ctx(&context, issuer, certificate, nil, nil, 0)
        // Lets authorityKeyIdentifier be computed from the issuer's key when its certificate has no SKI.
        X509V3_set_issuer_pkey(&context, signer.key.pkey)
    }

    mutating func add(_ profile: CertificateProfile) throws(CryptoError) {
        switch profile.basicConstraints {
        case .none: break
        case .endEntity: try add(NID_basic_constraints, "critical,CA:FALSE")
        case .certificateAuthority(let pathLength?):
            guard pathLength >= 0 else { throw .invalidArgument(name: "pathLength", reason: "must not be negative") }
            try add(NID_basic_constraints, "critical,CA:TRUE,pathlen:\(pathLength)")
        case .certificateAuthority(nil): try add(NID_basic_constraints, "critical,CA:TRUE")
        }
        if !profile.keyUsage.isEmpty {
            let names = KeyUsage.configNames.filter { profile.keyUsage.contains($0.0) }.map(\.1)
            try add(NID_key_usage, "critical," + names.joined(separator: ","))
        }
        if !profile.extendedKeyUsage.isEmpty {
            try add(NID_ext_key_usage, profile.extendedKeyUsage.map(\.rawValue).joined(separator: ","))
        }
        if profile.keyIdentifiers {
            try add(NID_subject_key_identifier, "hash")
            try addAuthorityKeyIdentifier()
        }
        if !profile.subjectAlternativeNames.isEmpty {
            try addSubjectAlternativeNames(profile.subjectAlternativeNames)
        }
        if !profile.crlDistributionPoints.isEmpty {
            let urls = try profile.crlDistributionPoints.map { (url) throws(CryptoError) in try Self.checkedURL(url) }
            try add(NID_crl_distribution_points, urls.map { "URI:\($0)" }.joined(separator: ","))
        }
        if !profile.ocspResponders.isEmpty {
            let urls = try profile.ocspResponders.map { (url) throws(CryptoError) in try Self.checkedURL(url) }
            try add(NID_info_access, urls.map { "OCSP;URI:\($0)" }.joined(separator: ","))
        }
    }

    private mutating func add(_ nid: Int32, _ value: String) throws(CryptoError) {
        let created = X509V3_EXT_conf_nid(nil, &context, nid, value)
        guard let created else { throw .openSSL(call: "X509V3_EXT_conf_nid(\(value))", queue: drainErrorQueue()) }
        defer { X509_EXTENSION_free(created) }
        try ensure(X509_add_ext(certificate, created, -1), "X509_add_ext")
    }

    /// authorityKeyIdentifier: the issuer's subjectKeyIdentifier, or, when the issuer's certificate
    /// has none (a CA made with `pingOneExact`), the SHA-1 of its public key, RFC 5280 method 1.
    private mutating func addAuthorityKeyIdentifier() throws(CryptoError) {
        guard case .authority(let issuer, _) = signer, issuer.subjectKeyIdentifier == nil else {
            try add(NID_authority_key_identifier, "keyid:always")
            return
        }
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        try ensure(X509_pubkey_digest(issuer.x509, EVP_sha1(), &digest, &length), "X509_pubkey_digest")
        let identifier = try ensure(AUTHORITY_KEYID_new(), "AUTHORITY_KEYID_new")
        defer { AUTHORITY_KEYID_free(identifier) }
        let octets = try ensure(ASN1_OCTET_STRING_new(), "ASN1_OCTET_STRING_new")
        identifier.pointee.keyid = octets
        try ensure(ASN1_OCTET_STRING_set(octets, digest, Int32(length)), "ASN1_OCTET_STRING_set")
        let added = X509_add1_ext_i2d(
            certificate,
            NID_authority_key_identifier,
            UnsafeMutableRawPointer(identifier),
            0,
            0
        )
        try ensure(added, "X509_add1_ext_i2d(authorityKeyIdentifier)")
    }

    private func addSubjectAlternativeNames(_ names: [GeneralName]) throws(CryptoError) {
        let stack = try names.makeGeneralNames()
        defer { keyward_general_names_free(stack) }
        let added = X509_add1_ext_i2d(certificate, NID_subject_alt_name, UnsafeMutableRawPointer(stack), 0, 0)
        try ensure(added, "X509_add1_ext_i2d(subjectAltName)")
    }

    /// An http(s) URL with nothing that OpenSSL's configuration syntax would read as a separator.
    static func checkedURL(_ url: String) throws(CryptoError) -> String {
        let lower = url.lowercased()
        let schemeOK = lower.hasPrefix("http://") || lower.hasPrefix("https://")
        let charactersOK = url.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ",") }
        guard schemeOK, charactersOK, url.utf8.count <= 2048, url.utf8.count > 8 else {
            throw .invalidArgument(name: "url", reason: "'\(url)' must be an http(s) URL without spaces or commas")
        }
        return url
    }
}
