import Foundation
import MeritYAML

/// A strict, streaming CSV reader (RFC 4180): quoted fields with doubled quotes, delimiters and line
/// breaks inside quotes, UTF-8 with or without BOM, CRLF or LF, `,` `;` or tab sniffed from the header.
///
/// Nothing is repaired silently: an unterminated quote, text after a closing quote, a quote inside an
/// unquoted field, a lone carriage return, a row with more or fewer fields than the header, or invalid
/// UTF-8 is an error at its line and column; so is a character that can hide or reorder text (a control
/// character, a bidirectional override) and a field longer than `CSVOptions.maxFieldBytes`. UTF-16 with a
/// byte-order mark (Excel's "Unicode Text") is read as what it is. Rows with every field empty
/// (spreadsheet padding) are skipped.
public final class CSVReader: TableReader {
    public let file: String
    /// The file's name, which rows point to.
    private let name: SourceName
    public private(set) var delimiter: UInt8 = UInt8(ascii: ",")
    /// Header names as written (trimmed).
    public private(set) var header: [String] = []
    /// Where each header name starts.
    public private(set) var headerMarks: [SourceMark] = []
    /// Records read so far, header included.
    public private(set) var recordsRead = 0
    /// Rows skipped because every field was empty.
    public private(set) var blankRowsSkipped = 0

    private let input: FileHandle?
    private let options: CSVOptions
    private var buffer: [UInt8]
    private var position = 0
    private var atEOF: Bool
    /// The line of `position` (records always start at a line start).
    private var line = 1
    private var bytesConsumed = 0

    /// Set when the file is UTF-16: each chunk read is turned into UTF-8 before it is parsed.
    private var utf16: UTF16Transcoder?

    // Per-record scratch, reused.
    private var fields: [TableField] = []
    private var scratch: [UInt8] = []

    /// Opens a file and reads its header line.
    public convenience init(path: String, options: CSVOptions = CSVOptions()) throws(CSVError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CSVError(at: .file(path), "cannot read the file")
        }
        try self.init(handle: handle, bytes: [], file: path, options: options)
    }

    /// Reads CSV text held in memory (`file` names it in marks).
    public convenience init(bytes: [UInt8], file: String, options: CSVOptions = CSVOptions()) throws(CSVError) {
        try self.init(handle: nil, bytes: bytes, file: file, options: options)
    }

    private init(handle: FileHandle?, bytes: [UInt8], file: String, options: CSVOptions) throws(CSVError) {
        self.input = handle
        self.file = file
        self.name = SourceName(file)
        self.options = options
        self.buffer = bytes
        self.atEOF = handle == nil
        try refill()
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) {
            position = 3
        } else if buffer.starts(with: [0xFF, 0xFE]) || buffer.starts(with: [0xFE, 0xFF]) {
            // "Unicode Text" from Excel: UTF-16 with a byte-order mark, read as what it is.
            var transcoder = UTF16Transcoder(bigEndian: buffer[0] == 0xFE)
            let raw = buffer[2...]
            buffer = []
            try transcoder.append(raw, to: &buffer, file: file, final: atEOF)
            utf16 = transcoder
        } else if Self.looksLikeUTF16WithoutMark(buffer) {
            throw CSVError(
                at: SourceMark(file: file, line: 1, column: 1),
                "this is UTF-16 text without a byte-order mark ('Unicode Text'); save the file as CSV UTF-8 (comma delimited)")
        }
        try readHeader()
    }

    deinit {
        try? input?.close()
    }

    /// Bytes read from the input so far.
    public var bytesRead: Int { bytesConsumed + position }

    // MARK: Rows

    /// Calls `body` for each data row, in order. The row is valid only during the call.
    public func forEachRow(_ body: (TableRow) throws -> Void) throws {
        while let row = try nextRecord() {
            if row.fieldCount != header.count {
                // At the first extra field, or at the end of a short row.
                let last = fields[fields.count - 1]
                let offset = row.fieldCount > header.count ? fields[header.count].openingOffset : last.end + (last.isQuoted ? 1 : 0)
                let mark = buffer.withUnsafeBufferPointer { locator(row).mark(offset: offset, in: $0) }
                throw CSVError(
                    at: mark,
                    "the row has \(row.fieldCount) field\(row.fieldCount == 1 ? "" : "s"), the header has \(header.count)")
            }
            if isBlank() {
                blankRowsSkipped += 1
                continue
            }
            try withRow(row) { try body($0) }
        }
    }

    private struct RecordSpan {
        var start: Int
        var line: Int
        var fieldCount: Int
    }

    private func locator(_ record: RecordSpan) -> CSVLocator {
        CSVLocator(file: file, line: record.line, lineStart: record.start)
    }

    private func isBlank() -> Bool {
        for field in fields {
            if field.isQuoted && field.end > field.start { return false }
            if buffer[field.start..<field.end].contains(where: { $0 != 0x20 && $0 != 0x09 }) { return false }
        }
        return true
    }

    private func withRow(_ record: RecordSpan, _ body: (TableRow) throws -> Void) rethrows {
        try buffer.withUnsafeBufferPointer { buffer in
            try fields.withUnsafeBufferPointer { fields in
                try scratch.withUnsafeBufferPointer { scratch in
                    try body(TableRow(buffer: buffer, fields: fields, scratch: scratch, locator: .text(name, line: record.line, lineStart: record.start), line: record.line))
                }
            }
        }
    }

    // MARK: Header

    private func readHeader() throws(CSVError) {
        guard position < buffer.count else {
            throw CSVError(at: SourceMark(file: file, line: 1, column: 1), "the file is empty; expected a header line")
        }
        delimiter = options.delimiter ?? sniffDelimiter()
        guard let record = try nextRecord() else {
            throw CSVError(at: SourceMark(file: file, line: 1, column: 1), "the file is empty; expected a header line")
        }
        withRow(record) { row in
            for field in 0..<row.count {
                header.append(row.trimmed(field))
                headerMarks.append(row.mark(field))
            }
        }
    }

    /// The delimiter used most outside quotes on the first line (`,` on a tie or when none is used).
    private func sniffDelimiter() -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, 0x09: 0]
        var inQuotes = false
        var index = position
        while index < buffer.count {
            let byte = buffer[index]
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes && (byte == 0x0A || byte == 0x0D) { break }
            if !inQuotes, counts[byte] != nil { counts[byte]! += 1 }
            index += 1
        }
        let best = counts.max { ($0.value, $0.key == UInt8(ascii: ",") ? 1 : 0) < ($1.value, $1.key == UInt8(ascii: ",") ? 1 : 0) }!
        return best.value > 0 ? best.key : UInt8(ascii: ",")
    }

    // MARK: Records

    /// Parses the next record into the scratch arrays; nil at the end of the input.
    private func nextRecord() throws(CSVError) -> RecordSpan? {
        while true {
            if position >= buffer.count {
                if atEOF { return nil }
                try refill()
                continue
            }
            switch try parseRecord() {
            case .record(let record):
                recordsRead += 1
                return record
            case .needMore:
                try refill()
            }
        }
    }

    private enum ParseResult {
        case record(RecordSpan)
        case needMore
    }

    private func parseRecord() throws(CSVError) -> ParseResult {
        let recordStart = position
        let recordLine = line
        // Work on local arrays (moved out of the object and back) so the loop pays no exclusivity checks.
        var fields = self.fields
        var scratch = self.scratch
        self.fields = []
        self.scratch = []
        defer {
            self.fields = fields
            self.scratch = scratch
        }
        fields.removeAll(keepingCapacity: true)
        scratch.removeAll(keepingCapacity: true)
        let delimiter = self.delimiter
        let maxField = options.maxFieldBytes
        let atEOF = self.atEOF
        let file = self.file
        let count = buffer.count
        var newlines = 0
        var index = recordStart
        // OR of every byte scanned outside quotes: without the high bit, the record is ASCII and valid UTF-8.
        var highBits: UInt8 = 0
        let result: ParseResult? = try buffer.withUnsafeBufferPointer { (bytes) throws(CSVError) -> ParseResult? in
            func tooLong(_ length: Int) -> String {
                "a field of \(length) bytes; fields are at most \(maxField) bytes (\(maxField / 1024) KB)"
            }
            func fail(_ offset: Int, _ message: String) -> CSVError {
                let mark = CSVLocator(file: file, line: recordLine, lineStart: recordStart).mark(offset: offset, in: bytes)
                return CSVError(at: mark, message)
            }
            while true {
                // One field.
                if index < count, bytes[index] == UInt8(ascii: "\"") {
                    let open = index
                    index += 1
                    let contentStart = index
                    var escaped = false
                    while true {
                        guard index < count else {
                            if !atEOF { return .needMore }
                            throw fail(open, "unterminated quoted field: no closing quote before the end of the file")
                        }
                        let byte = bytes[index]
                        highBits |= byte
                        if byte <= 0x22 || byte == 0x7F {
                            if byte == UInt8(ascii: "\"") {
                                if index + 1 < count, bytes[index + 1] == UInt8(ascii: "\"") {
                                    escaped = true
                                    index += 2
                                    continue
                                }
                                if index + 1 >= count && !atEOF { return .needMore }
                                break
                            }
                            if byte == 0x0A {
                                newlines += 1
                            } else if byte != 0x0D, let hidden = HiddenText.describe(UInt32(byte)) {
                                throw fail(index, hidden)
                            }
                        }
                        index += 1
                    }
                    if index - contentStart > maxField { throw fail(open, tooLong(index - contentStart)) }
                    if escaped {
                        let copyStart = scratch.count
                        var copy = contentStart
                        while copy < index {
                            scratch.append(bytes[copy])
                            copy += bytes[copy] == UInt8(ascii: "\"") ? 2 : 1
                        }
                        fields.append(TableField(start: contentStart, end: contentStart + (scratch.count - copyStart), scratch: copyStart))
                    } else {
                        fields.append(TableField(start: contentStart, end: index, scratch: TableField.quotedInPlace))
                    }
                    index += 1  // the closing quote
                    if index < count {
                        let next = bytes[index]
                        if next != delimiter && next != 0x0A && next != 0x0D {
                            throw fail(index, "text after the closing quote of a field; quote the whole field and double any quote inside it")
                        }
                    } else if !atEOF {
                        return .needMore
                    }
                } else {
                    let fieldStart = index
                    while index < count {
                        let byte = bytes[index]
                        highBits |= byte
                        // One comparison for most bytes: the delimiter, line ends, quotes and control
                        // characters are all at or below 0x22 (or are the delimiter, or DEL).
                        if byte <= 0x22 || byte == delimiter || byte == 0x7F {
                            if byte == delimiter || byte == 0x0A || byte == 0x0D { break }
                            if byte == UInt8(ascii: "\"") {
                                throw fail(index, "a quote inside an unquoted field; quote the whole field and double the quote")
                            }
                            if let hidden = HiddenText.describe(UInt32(byte)) { throw fail(index, hidden) }
                        }
                        index += 1
                    }
                    if index >= count && !atEOF { return .needMore }
                    if index - fieldStart > maxField { throw fail(fieldStart, tooLong(index - fieldStart)) }
                    fields.append(TableField(start: fieldStart, end: index, scratch: TableField.unquoted))
                }
                // After a field: a delimiter, a line end, or the end of the input.
                if index >= count { return nil }
                let byte = bytes[index]
                if byte == delimiter {
                    index += 1
                    continue
                }
                if byte == 0x0D {
                    guard index + 1 < count else {
                        if !atEOF { return .needMore }
                        throw fail(index, "a carriage return without a line feed; save the file with CRLF or LF line ends")
                    }
                    guard bytes[index + 1] == 0x0A else {
                        throw fail(index, "a carriage return without a line feed; save the file with CRLF or LF line ends")
                    }
                    index += 2
                } else {
                    index += 1
                }
                newlines += 1
                return nil
            }
        }
        if let result, case .needMore = result { return .needMore }
        if highBits & 0x80 != 0 {
            try validateUTF8(from: recordStart, to: index, line: recordLine)
        }
        position = index
        line = recordLine + newlines
        return .record(RecordSpan(start: recordStart, line: recordLine, fieldCount: fields.count))
    }

    /// Whether the text is UTF-16 without a byte-order mark: a header of ASCII letters with a NUL byte
    /// beside each.
    static func looksLikeUTF16WithoutMark(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4 else { return false }
        let pairs = min(bytes.count / 2, 16)
        let evenNUL = (0..<pairs).allSatisfy { bytes[2 * $0] == 0 }
        let oddNUL = (0..<pairs).allSatisfy { bytes[2 * $0 + 1] == 0 }
        return evenNUL != oddNUL
    }

    private func validateUTF8(from start: Int, to end: Int, line: Int) throws(CSVError) {
        try buffer.withUnsafeBufferPointer { (bytes) throws(CSVError) in
            var index = start
            while index < end {
                let byte = bytes[index]
                if byte < 0x80 {
                    index += 1
                    continue
                }
                let length: Int
                switch byte {
                case 0xC2...0xDF: length = 2
                case 0xE0...0xEF: length = 3
                case 0xF0...0xF4: length = 4
                default: length = 0
                }
                var valid = length > 0 && index + length <= end
                if valid {
                    for offset in 1..<length where bytes[index + offset] & 0xC0 != 0x80 { valid = false }
                }
                if valid && length == 3 {
                    let second = bytes[index + 1]
                    if (byte == 0xE0 && second < 0xA0) || (byte == 0xED && second > 0x9F) { valid = false }
                }
                if valid && length == 4 {
                    let second = bytes[index + 1]
                    if (byte == 0xF0 && second < 0x90) || (byte == 0xF4 && second > 0x8F) { valid = false }
                }
                guard valid else {
                    let mark = CSVLocator(file: file, line: line, lineStart: start).mark(offset: index, in: bytes)
                    throw CSVError(
                        at: mark,
                        "invalid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true))); the file seems to be in another encoding (Windows-1252/ANSI?): save it as CSV UTF-8")
                }
                // C1 controls (U+0080–U+009F) and bidirectional overrides (U+202A–U+202E, U+2066–U+2069).
                if byte == 0xC2 || byte == 0xE2 {
                    var scalar = UInt32(byte & (length == 2 ? 0x1F : 0x0F))
                    for offset in 1..<length { scalar = scalar << 6 | UInt32(bytes[index + offset] & 0x3F) }
                    if let hidden = HiddenText.describe(scalar) {
                        let mark = CSVLocator(file: file, line: line, lineStart: start).mark(offset: index, in: bytes)
                        throw CSVError(at: mark, hidden)
                    }
                }
                index += length
            }
        }
    }

    /// Keeps the unread part of the buffer and appends the next chunk of input.
    private func refill() throws(CSVError) {
        guard let input, !atEOF else {
            atEOF = true
            return
        }
        if position > 0 {
            buffer.removeSubrange(0..<position)
            bytesConsumed += position
            position = 0
        }
        let chunk: Data?
        do {
            chunk = try input.read(upToCount: options.chunkSize)
        } catch {
            throw CSVError(at: .file(file), "cannot read the file: \(error.localizedDescription)")
        }
        guard let chunk, !chunk.isEmpty else {
            atEOF = true
            if utf16 != nil { try utf16!.append([], to: &buffer, file: file, final: true) }
            return
        }
        if utf16 != nil {
            try utf16!.append(chunk, to: &buffer, file: file, final: false)
        } else {
            buffer.append(contentsOf: chunk)
        }
    }
}
