import MeritYAML

/// One record of a CSV file, valid while the reader's callback runs: its fields as bytes or text, each
/// with its place.
public struct CSVRow {
    let buffer: UnsafeBufferPointer<UInt8>
    /// Per field: start and end offsets in `buffer` (or in `scratch` when `unescaped` is set).
    let starts: UnsafeBufferPointer<Int>
    let ends: UnsafeBufferPointer<Int>
    let quoted: UnsafeBufferPointer<Bool>
    let scratch: UnsafeBufferPointer<UInt8>
    let scratchStarts: UnsafeBufferPointer<Int>
    let locator: CSVLocator
    /// 1-based line where the record starts.
    public let line: Int

    public var count: Int { starts.count }

    /// The field's bytes: quotes removed, doubled quotes undone.
    public func bytes(_ field: Int) -> UnsafeBufferPointer<UInt8> {
        if scratchStarts[field] >= 0 {
            let start = scratchStarts[field]
            return UnsafeBufferPointer(rebasing: scratch[start..<start + (ends[field] - starts[field])])
        }
        return UnsafeBufferPointer(rebasing: buffer[starts[field]..<ends[field]])
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

    public func wasQuoted(_ field: Int) -> Bool { quoted[field] }

    /// Where the field starts (its opening quote, when quoted).
    public func mark(_ field: Int) -> SourceMark {
        locator.mark(offset: starts[field] - (quoted[field] ? 1 : 0), in: buffer)
    }

    /// Where the record starts.
    public var mark: SourceMark {
        locator.mark(offset: starts.first.map { $0 - (quoted[0] ? 1 : 0) } ?? 0, in: buffer)
    }
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
