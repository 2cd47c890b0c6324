import MeritYAML

/// One record of a CSV file, valid while the reader's callback runs: its fields as bytes or text, each
/// with its place.
public struct CSVRow {
    let buffer: UnsafeBufferPointer<UInt8>
    let fields: UnsafeBufferPointer<CSVField>
    let scratch: UnsafeBufferPointer<UInt8>
    let locator: CSVLocator
    /// 1-based line where the record starts.
    public let line: Int

    public var count: Int { fields.count }

    /// The field's bytes: quotes removed, doubled quotes undone.
    public func bytes(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let field = fields[index]
        if field.scratch >= 0 {
            return UnsafeBufferPointer(rebasing: scratch[field.scratch..<field.scratch + (field.end - field.start)])
        }
        return UnsafeBufferPointer(rebasing: buffer[field.start..<field.end])
    }

    public func string(_ field: Int) -> String {
        String(decoding: bytes(field), as: UTF8.self)
    }

    /// The field's text without surrounding spaces.
    public func trimmed(_ field: Int) -> String {
        string(field).trimmingSpacesAndTabs
    }

    public func isEmpty(_ field: Int) -> Bool {
        bytes(field).allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    public func wasQuoted(_ field: Int) -> Bool { fields[field].isQuoted }

    /// Where the field starts (its opening quote, when quoted).
    public func mark(_ field: Int) -> SourceMark {
        locator.mark(offset: fields[field].openingOffset, in: buffer)
    }

    /// Where the record starts.
    public var mark: SourceMark {
        locator.mark(offset: fields.first?.openingOffset ?? 0, in: buffer)
    }
}

/// Where one field of a record lies: its content's offsets in the reader's buffer, and whether it was
/// quoted (and, when it held doubled quotes, where its unescaped bytes are in the scratch buffer).
struct CSVField {
    static let unquoted = -1
    static let quotedInPlace = -2

    var start: Int
    /// The content's end; for an unescaped copy in scratch, `start` + the copy's length.
    var end: Int
    /// `unquoted`, `quotedInPlace`, or the offset of the unescaped copy in scratch.
    var scratch: Int

    var isQuoted: Bool { scratch != Self.unquoted }
    /// Where the field begins in the buffer, its opening quote included.
    var openingOffset: Int { start - (isQuoted ? 1 : 0) }
}

/// Turns buffer offsets into lines and character columns, only when a mark is asked for.
struct CSVLocator {
    let file: String
    /// The line of `lineStart`, and the buffer offset where that line starts (may be before the record).
    let line: Int
    let lineStart: Int

    func mark(offset: Int, in buffer: UnsafeBufferPointer<UInt8>) -> SourceMark {
        var line = self.line
        var start = lineStart
        var index = lineStart
        while index < offset {
            if buffer[index] == 0x0A {
                line += 1
                start = index + 1
            }
            index += 1
        }
        var column = 1
        for byte in buffer[start..<offset] where byte & 0xC0 != 0x80 { column += 1 }
        return SourceMark(file: file, line: line, column: column)
    }
}

extension String {
    var trimmingSpacesAndTabs: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
