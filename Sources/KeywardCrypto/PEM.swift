/// Recognises PEM text so that readers can accept PEM and DER alike.
enum PEM {
    private static let marker = Array("-----BEGIN ".utf8)
    /// The first byte of every DER structure Keyward reads: a SEQUENCE tag.
    private static let derSequenceTag: UInt8 = 0x30

    /// True when `bytes` hold PEM text: a `-----BEGIN ` line, possibly after explanatory text
    /// (RFC 7468 allows it). DER input starts with a SEQUENCE tag, which no text does, so a DER
    /// value that merely contains the marker (say, in a subject name) is still read as DER. (0x30
    /// is also the character "0": explanatory text starting with a zero is not recognised.)
    static func looksLikePEM(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first, first != derSequenceTag else { return false }
        return bytes.firstRange(of: marker) != nil
    }
}
