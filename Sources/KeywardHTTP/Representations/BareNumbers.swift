/// Writes arbitrary-precision integers as bare JSON numbers.
///
/// PingOne sends `serialNumber` as a JSON number even above 2^64 (the Go SDK reads it into a
/// `big.Int`), which `JSONEncoder` cannot write. The representation encodes the decimal digits
/// as a string and this pass removes the quotes around them. It is exact: the pattern
/// `"serialNumber":"` can only occur as a member name, because a quote inside a string value
/// is always escaped as `\"`, and only an all-digit value is unquoted.
enum BareNumbers {
    /// `json` with the string values of members named `name` unquoted where they are all digits.
    static func unquote(_ name: String, in json: [UInt8]) -> [UInt8] {
        let pattern = Array("\"\(name)\":\"".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(json.count)
        var index = 0
        while index < json.count {
            guard json[index] == pattern[0], json[index...].starts(with: pattern) else {
                output.append(json[index])
                index += 1
                continue
            }
            let valueStart = index + pattern.count
            var valueEnd = valueStart
            while valueEnd < json.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(json[valueEnd]) {
                valueEnd += 1
            }
            guard valueEnd > valueStart, valueEnd < json.count, json[valueEnd] == UInt8(ascii: "\"") else {
                output.append(json[index])
                index += 1
                continue
            }
            output.append(contentsOf: pattern.dropLast())  // the member name and colon, no opening quote
            output.append(contentsOf: json[valueStart..<valueEnd])
            index = valueEnd + 1
        }
        return output
    }
}
