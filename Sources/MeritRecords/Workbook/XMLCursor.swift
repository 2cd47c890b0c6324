/// A small pull reader for the XML parts of a workbook (OOXML and OpenDocument), over bytes in memory.
///
/// Why not Foundation's `XMLParser`: a worksheet of a million rows is ~250 MB of XML, and the parser's
/// delegate calls make a `String` of every element name, attribute and text run; on this machine it read
/// such a sheet at about 25 MB/s, where this cursor (no strings, no allocations per tag) reads it at
/// several hundred (`merit bench xlsx`). It reads only what workbooks hold: elements, attributes,
/// text, CDATA, comments and processing instructions; a DOCTYPE (entity definitions) is refused.
///
/// Names are matched by their local part (`x:row` is `row`), as some writers prefix the main namespace.
struct XMLCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index: Int
    /// Whether `bytes` runs to the end of the part (so text reaching the end is whole).
    let isFinal: Bool

    init(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int = 0, final: Bool = true) {
        self.bytes = bytes
        self.index = index
        self.isFinal = final
    }

    struct Tag {
        /// The local name (after any `prefix:`).
        var name: Range<Int>
        /// Between the name and the closing `>` or `/>`.
        var attributes: Range<Int>
        var isSelfClosing: Bool
    }

    enum Event {
        case start(Tag)
        case end(name: Range<Int>)
        /// Character data as written (entities not yet decoded).
        case text(Range<Int>)
        /// A CDATA section's content (nothing to decode).
        case cdata(Range<Int>)
        /// The bytes end inside a construct: read more, then resume from `index` (unchanged).
        case incomplete
        case endOfInput
    }

    /// The next event; on `.incomplete` the cursor stays where the construct began.
    mutating func next() throws(XMLProblem) -> Event {
        let count = bytes.count
        guard index < count else { return .endOfInput }
        let start = index
        if bytes[start] != UInt8(ascii: "<") {
            var end = start
            while end < count, bytes[end] != UInt8(ascii: "<") { end += 1 }
            if end == count && !isFinal { return .incomplete }
            index = end
            return .text(start..<end)
        }
        guard start + 1 < count else { return .incomplete }
        switch bytes[start + 1] {
        case UInt8(ascii: "/"):
            guard let close = find(UInt8(ascii: ">"), from: start + 2) else { return .incomplete }
            var nameEnd = close
            while nameEnd > start + 2, Self.isSpace(bytes[nameEnd - 1]) { nameEnd -= 1 }
            index = close + 1
            return .end(name: localName(start + 2..<nameEnd))
        case UInt8(ascii: "?"):
            guard let end = find(sequence: [UInt8(ascii: "?"), UInt8(ascii: ">")], from: start + 2) else { return .incomplete }
            index = end + 2
            return try next()
        case UInt8(ascii: "!"):
            if matches([UInt8(ascii: "-"), UInt8(ascii: "-")], at: start + 2) {
                guard let end = find(sequence: Array("-->".utf8), from: start + 4) else { return .incomplete }
                index = end + 3
                return try next()
            }
            if matches(Array("[CDATA[".utf8), at: start + 2) {
                guard let end = find(sequence: Array("]]>".utf8), from: start + 9) else { return .incomplete }
                index = end + 3
                return .cdata(start + 9..<end)
            }
            if start + 9 > count { return .incomplete }
            throw XMLProblem("a DOCTYPE or other declaration, which workbooks do not hold")
        default:
            // A start tag: the name, then attributes up to `>` outside quotes.
            var position = start + 1
            while position < count, !Self.isSpace(bytes[position]), bytes[position] != UInt8(ascii: ">"), bytes[position] != UInt8(ascii: "/") {
                position += 1
            }
            let name = start + 1..<position
            guard !name.isEmpty || position >= count else { throw XMLProblem("a '<' that starts no element") }
            var quote: UInt8 = 0
            while position < count {
                let byte = bytes[position]
                if quote != 0 {
                    if byte == quote { quote = 0 }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    break
                }
                position += 1
            }
            guard position < count else { return .incomplete }
            let selfClosing = position > name.upperBound && bytes[position - 1] == UInt8(ascii: "/")
            index = position + 1
            return .start(Tag(name: localName(name), attributes: name.upperBound..<(selfClosing ? position - 1 : position), isSelfClosing: selfClosing))
        }
    }

    /// Calls `body` with each attribute's name (whole, with any prefix) and value (as written), in order.
    func forEachAttribute(of tag: Tag, _ body: (_ name: Range<Int>, _ value: Range<Int>) throws -> Void) rethrows {
        var position = tag.attributes.lowerBound
        let end = tag.attributes.upperBound
        while position < end {
            while position < end, Self.isSpace(bytes[position]) { position += 1 }
            let nameStart = position
            while position < end, bytes[position] != UInt8(ascii: "="), !Self.isSpace(bytes[position]) { position += 1 }
            let name = nameStart..<position
            while position < end, bytes[position] != UInt8(ascii: "\""), bytes[position] != UInt8(ascii: "'") { position += 1 }
            guard position < end else { return }
            let quote = bytes[position]
            let valueStart = position + 1
            position = valueStart
            while position < end, bytes[position] != quote { position += 1 }
            try body(name, valueStart..<min(position, end))
            position += 1
        }
    }

    /// The value of an attribute (by its local name, or its whole `prefix:name` when `qualified`), as
    /// written; nil when the tag has none.
    func attribute(_ wanted: [UInt8], of tag: Tag, qualified: Bool = false) -> Range<Int>? {
        var found: Range<Int>?
        forEachAttribute(of: tag) { name, value in
            if found == nil, equal(qualified ? name : localName(name), wanted) { found = value }
        }
        return found
    }

    func equal(_ range: Range<Int>, _ name: [UInt8]) -> Bool {
        guard range.count == name.count else { return false }
        for (offset, byte) in name.enumerated() where bytes[range.lowerBound + offset] != byte { return false }
        return true
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// A decimal attribute value (`r="12"`, `s="3"`).
    func integer(_ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 18 else { return nil }
        var value = 0
        for position in range {
            let digit = Int(bytes[position]) - 48
            guard digit >= 0 && digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    private func localName(_ range: Range<Int>) -> Range<Int> {
        var position = range.upperBound
        while position > range.lowerBound {
            if bytes[position - 1] == UInt8(ascii: ":") { return position..<range.upperBound }
            position -= 1
        }
        return range
    }

    private func find(_ byte: UInt8, from position: Int) -> Int? {
        var position = position
        while position < bytes.count {
            if bytes[position] == byte { return position }
            position += 1
        }
        return nil
    }

    private func find(sequence: [UInt8], from position: Int) -> Int? {
        var position = position
        while position + sequence.count <= bytes.count {
            if matches(sequence, at: position) { return position }
            position += 1
        }
        return nil
    }

    private func matches(_ sequence: [UInt8], at position: Int) -> Bool {
        guard position + sequence.count <= bytes.count else { return false }
        for (offset, byte) in sequence.enumerated() where bytes[position + offset] != byte { return false }
        return true
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}

extension XMLCursor {
    /// The chunk loop every streaming part reader shares: each event of `bytes` goes to `handle` (with the
    /// cursor, to read names and attributes); returns how many bytes were consumed. A construct the chunk
    /// cuts off is left for the next chunk, or, in the last one, is the part's damage (`damaged`).
    static func events(
        in bytes: UnsafeBufferPointer<UInt8>, final: Bool, damaged: (String) -> any Error, _ handle: (XMLCursor, Event) throws -> Void
    ) throws -> Int {
        var cursor = XMLCursor(bytes, final: final)
        while true {
            let mark = cursor.index
            let event: Event
            do {
                event = try cursor.next()
            } catch {
                throw damaged(error.message)
            }
            switch event {
            case .incomplete:
                if final { throw damaged("it ends inside a tag") }
                return mark
            case .endOfInput:
                return cursor.index
            default:
                try handle(cursor, event)
            }
        }
    }
}

/// Something in a workbook part that is not the XML it should be.
struct XMLProblem: Error {
    var message: String

    init(_ message: String) {
        self.message = message
    }
}

/// Character data of a workbook: entities (`&amp;`, `&#233;`) and, in OOXML strings, the `_xHHHH_`
/// escapes (`_x000D_` is a carriage return) decoded into UTF-8 bytes.
enum XMLText {
    /// Appends the decoded text to `output`.
    static func decode(
        _ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, ooxmlEscapes: Bool, into output: inout [UInt8]
    ) throws(XMLProblem) {
        var position = range.lowerBound
        let end = range.upperBound
        while position < end {
            let byte = bytes[position]
            if byte == UInt8(ascii: "&") {
                var semicolon = position + 1
                while semicolon < end, semicolon - position <= 12, bytes[semicolon] != UInt8(ascii: ";") { semicolon += 1 }
                guard semicolon < end, bytes[semicolon] == UInt8(ascii: ";") else { throw XMLProblem("an '&' that starts no entity") }
                let name = UnsafeBufferPointer(rebasing: bytes[position + 1..<semicolon])
                guard let scalar = entity(name) else { throw XMLProblem("an unknown entity '&\(String(decoding: name, as: UTF8.self));'") }
                UTF8Bytes.append(scalar, to: &output)
                position = semicolon + 1
            } else if ooxmlEscapes, byte == UInt8(ascii: "_"), position + 6 < end, bytes[position + 1] == UInt8(ascii: "x"),
                bytes[position + 6] == UInt8(ascii: "_"), let scalar = hex(UnsafeBufferPointer(rebasing: bytes[position + 2..<position + 6]))
            {
                UTF8Bytes.append(scalar, to: &output)
                position += 7
            } else {
                output.append(byte)
                position += 1
            }
        }
    }

    private static func entity(_ name: UnsafeBufferPointer<UInt8>) -> UInt32? {
        switch String(decoding: name, as: UTF8.self) {
        case "amp": return 0x26
        case "lt": return 0x3C
        case "gt": return 0x3E
        case "quot": return 0x22
        case "apos": return 0x27
        default:
            guard name.count >= 2, name[0] == UInt8(ascii: "#") else { return nil }
            let value: UInt32?
            if name[1] == UInt8(ascii: "x") || name[1] == UInt8(ascii: "X") {
                value = hex(UnsafeBufferPointer(rebasing: name[2...]))
            } else {
                value = UInt32(String(decoding: UnsafeBufferPointer(rebasing: name[1...]), as: UTF8.self))
            }
            guard let value, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return nil }
            return value
        }
    }

    private static func hex(_ digits: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard !digits.isEmpty, digits.count <= 6 else { return nil }
        var value: UInt32 = 0
        for byte in digits {
            let digit: UInt32
            switch byte {
            case 48...57: digit = UInt32(byte - 48)
            case 65...70: digit = UInt32(byte - 55)
            case 97...102: digit = UInt32(byte - 87)
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }

    /// The first character of UTF-8 text that `HiddenText` refuses, or nil. Invalid UTF-8 is refused too.
    static func hiddenProblem(_ text: UnsafeBufferPointer<UInt8>) -> String? {
        var suspicious = false
        for byte in text where byte < 0x20 || byte >= 0x7F {
            suspicious = true
            break
        }
        guard suspicious else { return nil }
        var iterator = text.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if let message = HiddenText.describe(scalar.value) { return message }
            case .emptyInput:
                return nil
            case .error:
                return "invalid UTF-8 in the text; open the workbook in the spreadsheet program and save it again"
            }
        }
    }
}
