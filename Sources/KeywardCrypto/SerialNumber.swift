import COpenSSL

/// A certificate serial number: a positive integer of up to 20 bytes (RFC 5280 §4.1.2.2).
///
/// Kept as big-endian bytes so that no serial is ever truncated to 64 bits; printed in decimal,
/// as PingOne sends serial numbers (bare JSON numbers, often above 2^63).
public struct SerialNumber: Hashable, Sendable {
    /// The magnitude, big-endian, without leading zero bytes.
    public let bytes: [UInt8]

    /// A serial from its big-endian magnitude; zero, or more than 20 bytes, is refused.
    public init(bytes: [UInt8]) throws(CryptoError) {
        let trimmed = Array(bytes.drop { $0 == 0 })
        guard !trimmed.isEmpty else {
            throw .invalidArgument(name: "serialNumber", reason: "must be a positive integer, not zero")
        }
        guard trimmed.count <= 20 else {
            throw .invalidArgument(name: "serialNumber", reason: "must fit in 20 bytes (RFC 5280)")
        }
        self.bytes = trimmed
    }

    /// A serial from its decimal form, e.g. "12737138739537859429".
    public init(decimal: String) throws(CryptoError) {
        guard !decimal.isEmpty, decimal.count <= 60, decimal.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw .invalidArgument(name: "serialNumber", reason: "must be a positive decimal integer")
        }
        var number: OpaquePointer?
        guard BN_dec2bn(&number, decimal) > 0, let number else {
            throw .openSSL(call: "BN_dec2bn", queue: drainErrorQueue())
        }
        defer { BN_free(number) }
        var magnitude = [UInt8](repeating: 0, count: Int((BN_num_bits(number) + 7) / 8))
        _ = BN_bn2bin(number, &magnitude)
        try self.init(bytes: magnitude)
    }

    /// A fresh serial from the CSPRNG: 16 bytes, 126 of them random bits, positive and never zero.
    ///
    /// The top byte is forced to `01xxxxxx` so the DER encoding is always 16 bytes with no sign byte.
    public static func random() throws(CryptoError) -> SerialNumber {
        var random = try SecureRandom.bytes(count: 16)
        random[0] = (random[0] & 0x3F) | 0x40
        return try SerialNumber(bytes: random)
    }

    /// The OpenSSL `ASN1_INTEGER` for this serial; the caller frees it.
    func asn1Integer() throws(CryptoError) -> UnsafeMutablePointer<ASN1_INTEGER> {
        let number = try ensure(BN_bin2bn(bytes, Int32(bytes.count), nil), "BN_bin2bn")
        defer { BN_free(number) }
        return try ensure(BN_to_ASN1_INTEGER(number, nil), "BN_to_ASN1_INTEGER")
    }

    /// Reads an OpenSSL `ASN1_INTEGER`; a negative or zero serial (seen in the wild) is refused.
    init(_ integer: UnsafePointer<ASN1_INTEGER>) throws(CryptoError) {
        guard integer.pointee.type == V_ASN1_INTEGER else {
            throw .malformedInput(format: "certificate", reason: "the serial number is negative")
        }
        let length = Int(integer.pointee.length)
        guard length > 0, let data = integer.pointee.data else {
            throw .malformedInput(format: "certificate", reason: "the serial number is empty")
        }
        let magnitude = Array(UnsafeBufferPointer(start: data, count: length))
        guard magnitude.contains(where: { $0 != 0 }) else {
            throw .malformedInput(format: "certificate", reason: "the serial number is zero")
        }
        // Imported certificates may carry slightly non-conforming serials; keep them exactly.
        bytes = Array(magnitude.drop { $0 == 0 })
    }
}

extension SerialNumber: CustomStringConvertible {
    /// The serial in decimal.
    public var description: String {
        guard let number = BN_bin2bn(bytes, Int32(bytes.count), nil) else { return "0" }
        defer { BN_free(number) }
        guard let text = BN_bn2dec(number) else { return "0" }
        defer { keyward_openssl_free(text) }
        return String(cString: text)
    }

    /// The serial in upper-case hexadecimal, as `openssl x509 -serial` prints it.
    public var hexadecimal: String {
        bytes.map { byte in
            let digits = Array("0123456789ABCDEF")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }.joined()
    }
}
