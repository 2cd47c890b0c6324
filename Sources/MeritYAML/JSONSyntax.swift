/// Strict JSON (RFC 8259) for `.json` files: checked before the text is loaded, because libyaml reads
/// JSON as YAML flow and so accepts what JSON does not (a trailing comma, a single-quoted or bare
/// string, a comment, `True`), and a file that is not the JSON it claims to be should say so.
public enum JSONSyntax {
    /// Throws the first place where the text is not JSON.
    public static func check(_ bytes: [UInt8], file: String, maxDepth: Int = 256) throws(YAMLError) {
        try bytes.withUnsafeBufferPointer { (buffer) throws(YAMLError) in
            var checker = Checker(bytes: buffer, file: file, maxDepth: maxDepth)
            try checker.document()
        }
    }

    private struct Checker {
        let bytes: UnsafeBufferPointer<UInt8>
        let file: String
        let maxDepth: Int
        var index = 0
        var depth = 0

        init(bytes: UnsafeBufferPointer<UInt8>, file: String, maxDepth: Int) {
            self.bytes = bytes
            self.file = file
            self.maxDepth = maxDepth
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        }

        mutating func document() throws(YAMLError) {
            skipSpace()
            guard index < bytes.count else { throw fail("the file holds no JSON value") }
            try value()
            skipSpace()
            if index < bytes.count { throw fail("text after the JSON value") }
        }

        private mutating func value() throws(YAMLError) {
            guard index < bytes.count else { throw fail("the JSON ends where a value should be") }
            switch bytes[index] {
            case UInt8(ascii: "{"): try container(close: UInt8(ascii: "}"), keyed: true)
            case UInt8(ascii: "["): try container(close: UInt8(ascii: "]"), keyed: false)
            case UInt8(ascii: "\""): try string()
            case UInt8(ascii: "-"), 48...57: try number()
            default:
                for word in ["true", "false", "null"] where matches(word) {
                    index += word.utf8.count
                    return
                }
                throw fail(bytes[index] == UInt8(ascii: "'") ? "a single-quoted string; JSON strings use double quotes" : "not a JSON value (a string needs double quotes; true, false and null are lower case)")
            }
        }

        private mutating func container(close: UInt8, keyed: Bool) throws(YAMLError) {
            depth += 1
            guard depth <= maxDepth else { throw fail("nested deeper than \(maxDepth) levels") }
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == close {
                index += 1
                depth -= 1
                return
            }
            while true {
                skipSpace()
                if keyed {
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                        if index < bytes.count, bytes[index] == close { throw fail("a trailing comma before '}'; delete it") }
                        throw fail("an object key must be a double-quoted string")
                    }
                    try string()
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':' after the key") }
                    index += 1
                    skipSpace()
                } else if index < bytes.count, bytes[index] == close {
                    throw fail("a trailing comma before ']'; delete it")
                }
                try value()
                skipSpace()
                guard index < bytes.count else { throw fail("the JSON ends inside \(keyed ? "an object" : "an array")") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard bytes[index] == close else { throw fail("expected ',' or '\(Character(UnicodeScalar(close)))'") }
                index += 1
                depth -= 1
                return
            }
        }

        private mutating func string() throws(YAMLError) {
            let open = index
            index += 1
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return
                }
                if byte < 0x20 { throw fail("a control character inside a string; write it as an escape (\\n, \\t, \\u0001)") }
                if byte == UInt8(ascii: "\\") {
                    index += 1
                    guard index < bytes.count else { break }
                    switch bytes[index] {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
                        UInt8(ascii: "r"), UInt8(ascii: "t"):
                        index += 1
                    case UInt8(ascii: "u"):
                        guard index + 4 < bytes.count, (1...4).allSatisfy({ Self.isHex(bytes[index + $0]) }) else {
                            throw fail("'\\u' needs four hex digits")
                        }
                        index += 5
                    default:
                        throw fail("an unknown escape in a string")
                    }
                    continue
                }
                index += 1
            }
            index = open
            throw fail("a string with no closing quote")
        }

        private mutating func number() throws(YAMLError) {
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, Self.isDigit(bytes[index]) else { throw fail("a number needs a digit") }
            if bytes[index] == 48, index + 1 < bytes.count, Self.isDigit(bytes[index + 1]) { throw fail("a number with a leading zero") }
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard index < bytes.count, Self.isDigit(bytes[index]) else { throw fail("a number needs digits after its decimal point") }
                while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard index < bytes.count, Self.isDigit(bytes[index]) else { throw fail("a number needs digits in its exponent") }
                while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
            }
        }

        private mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                case UInt8(ascii: "/") where index + 1 < bytes.count && (bytes[index + 1] == UInt8(ascii: "/") || bytes[index + 1] == UInt8(ascii: "*")):
                    return
                default: return
                }
            }
        }

        private func matches(_ word: String) -> Bool {
            let utf8 = Array(word.utf8)
            guard index + utf8.count <= bytes.count else { return false }
            return (0..<utf8.count).allSatisfy { bytes[index + $0] == utf8[$0] }
        }

        private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

        private static func isHex(_ byte: UInt8) -> Bool {
            isDigit(byte) || (byte >= 65 && byte <= 70) || (byte >= 97 && byte <= 102)
        }

        /// The problem at the current place (line and character column, 1-based).
        private func fail(_ message: String) -> YAMLError {
            var line = 1
            var lineStart = 0
            for position in 0..<min(index, bytes.count) where bytes[position] == 0x0A {
                line += 1
                lineStart = position + 1
            }
            var column = 1
            for position in lineStart..<min(index, bytes.count) where bytes[position] & 0xC0 != 0x80 { column += 1 }
            let comment = index + 1 < bytes.count && bytes[index] == UInt8(ascii: "/") ? " (JSON has no comments)" : ""
            return YAMLError(.syntax, at: SourceMark(file: file, line: line, column: column), "not strict JSON: \(message)\(comment)")
        }
    }
}
