/// Builds a `multipart/form-data` body by hand, byte for byte, so tests control exactly what is sent.
struct MultipartBody {
    let boundary: String
    private(set) var bytes: [UInt8] = []

    init(boundary: String = "KeywardTestBoundary7MA4YWxkTrZu0gW") {
        self.boundary = boundary
    }

    /// The request's `Content-Type` header value.
    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    /// Appends a plain text field.
    mutating func addField(_ name: String, _ value: String) {
        bytes += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
    }

    /// Appends a file part holding `data` exactly.
    mutating func addFile(_ name: String, fileName: String, contentType: String, data: [UInt8]) {
        bytes += Array(
            ("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(fileName)\"\r\n"
                + "Content-Type: \(contentType)\r\n\r\n").utf8
        )
        bytes += data + Array("\r\n".utf8)
    }

    /// The body with its closing delimiter.
    func finished() -> [UInt8] {
        bytes + Array("--\(boundary)--\r\n".utf8)
    }
}

/// Random bytes salted with what a multipart parser could trip on: NUL, CR, LF, `--`, and a
/// CRLF-dash-dash followed by most of the boundary.
func trickyBinary(count: Int, boundary: String) -> [UInt8] {
    var generator = SystemRandomNumberGenerator()
    var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    let traps: [[UInt8]] = [
        [0, 0, 13, 10, 45, 45], Array("\r\n--".utf8), Array("\r\n--\(boundary.dropLast())".utf8), [13, 13, 10, 10],
        Array("--\r\n".utf8), [0],
    ]
    for (index, trap) in traps.enumerated() {
        let position = (index + 1) * count / (traps.count + 2)
        bytes.replaceSubrange(position..<(position + trap.count), with: trap)
    }
    bytes[0] = 0
    bytes[count - 1] = 13
    return bytes
}
