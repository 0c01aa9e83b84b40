/// A key's trust chain as stored: its PEM blocks one after another, each ending in a newline,
/// as in a PEM bundle file. Migration 5 moved it here from a JSON array of strings, whose
/// decoding was a tenth of the cost of reading a key.
///
/// Only the block boundaries are found (after each `-----END …-----` line); the blocks are
/// kept as text, never decoded here.
enum PEMBundle {
    /// The blocks joined, each ending in exactly the newline it had or one added.
    static func join(_ blocks: [String]) -> String {
        var text = ""
        for block in blocks {
            text += block
            if !block.hasSuffix("\n") { text += "\n" }
        }
        return text
    }

    /// The blocks of `text`, each through the end of its `-----END …-----` line.
    static func split(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { utf8 in
            var blocks: [String] = []
            var start = 0
            var index = 0
            while let end = endOfBlock(in: utf8, from: index) {
                blocks.append(String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<end]), as: UTF8.self))
                start = end
                index = end
            }
            return blocks
        }
    }

    /// The index just past the `-----END …-----` line that follows `from`, or `nil` when none does.
    private static func endOfBlock(in utf8: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let marker = "-----END ".utf8
        var index = from
        while index + marker.count <= utf8.count {
            if utf8[index] == UInt8(ascii: "-"), utf8[index..<(index + marker.count)].elementsEqual(marker) {
                var end = index + marker.count
                // The label runs to the closing five dashes; the block ends after them and their newline.
                while end < utf8.count, utf8[end] != UInt8(ascii: "-") { end += 1 }
                while end < utf8.count, utf8[end] == UInt8(ascii: "-") { end += 1 }
                if end < utf8.count, utf8[end] == UInt8(ascii: "\n") { end += 1 }
                return end
            }
            index += 1
        }
        return nil
    }
}
