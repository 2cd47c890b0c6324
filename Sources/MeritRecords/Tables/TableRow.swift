import MeritYAML

/// One row of a table file (a CSV record or a worksheet row), valid while the reader's callback runs: its
/// fields as bytes or text, each with its place and, for a worksheet, what kind of cell it was.
public struct TableRow {
    let buffer: UnsafeBufferPointer<UInt8>
    let fields: UnsafeBufferPointer<TableField>
    let scratch: UnsafeBufferPointer<UInt8>
    let locator: TableLocator
    /// 1-based line (CSV) or row (worksheet) where the record starts.
    public let line: Int

    public var count: Int { fields.count }

    /// The field's bytes: quotes removed, doubled quotes undone (a cell's text, as the sheet shows it).
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

    /// What the cell held in a worksheet (always `.text` in a CSV).
    public func kind(_ field: Int) -> CellKind { fields[field].kind }

    /// Where the field starts (its opening quote, when quoted; its cell, in a worksheet).
    public func mark(_ field: Int) -> SourceMark {
        if locator.isCell { return .cell(locator.name.file, row: line, column: locator.firstColumn + field) }
        return locator.text.mark(offset: fields[field].openingOffset, in: buffer)
    }

    /// Where the record starts.
    public var mark: SourceMark {
        if locator.isCell { return .cell(locator.name.file, row: line, column: 0) }
        return locator.text.mark(offset: fields.first?.openingOffset ?? 0, in: buffer)
    }
}

/// What a worksheet cell held. A CSV field is always text; a cell's value is handed on as the text the
/// sheet shows for it (a number in its shortest exact form, a date as `yyyy-mm-dd`), and its kind lets a
/// validator refuse what a spreadsheet damages (an 18-digit NIP typed as a number).
public enum CellKind: UInt8, Sendable {
    case text, number, date, boolean, error
}

/// Where one field of a record lies: its content's offsets in the reader's buffer, whether it was quoted
/// (and, when it held doubled quotes, where its unescaped bytes are in the scratch buffer), and its kind.
struct TableField {
    static let unquoted = -1
    static let quotedInPlace = -2

    var start: Int
    /// The content's end; for an unescaped copy in scratch, `start` + the copy's length.
    var end: Int
    /// `unquoted`, `quotedInPlace`, or the offset of the unescaped copy in scratch.
    var scratch: Int
    var kind: CellKind = .text

    var isQuoted: Bool { scratch != Self.unquoted }
    /// Where the field begins in the buffer, its opening quote included.
    var openingOffset: Int { start - (isQuoted ? 1 : 0) }
}

/// The name of a table's file, which its rows point to without owning: a row lives only during its
/// reader's callback, while the reader holds the name, and a million rows then pay no reference counting
/// for it (the import's profile showed a retain and a release of the name per row and per field read).
final class SourceName: Sendable {
    let file: String

    init(_ file: String) {
        self.file = file
    }
}

/// How a row's fields are located: by offsets in a text's lines, or as cells of a worksheet row.
struct TableLocator {
    unowned(unsafe) let name: SourceName
    let isCell: Bool
    /// For text: the line of `lineStart`, the buffer offset where that line starts.
    let line: Int
    let lineStart: Int
    /// For cells: the column (1-based) of field 0.
    let firstColumn: Int

    static func text(_ name: SourceName, line: Int, lineStart: Int) -> TableLocator {
        TableLocator(name: name, isCell: false, line: line, lineStart: lineStart, firstColumn: 0)
    }

    static func cell(_ name: SourceName, firstColumn: Int) -> TableLocator {
        TableLocator(name: name, isCell: true, line: 0, lineStart: 0, firstColumn: firstColumn)
    }

    var text: CSVLocator { CSVLocator(file: name.file, line: line, lineStart: lineStart) }
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

/// A source of table rows: a header, then rows (CSV files and worksheets alike).
public protocol TableReader: AnyObject {
    /// Names the file in messages (`ratings.csv`, `ratings.xlsx[Nilai]`).
    var file: String { get }
    /// Header names as written (trimmed).
    var header: [String] { get }
    /// Where each header name is.
    var headerMarks: [SourceMark] { get }
    /// Bytes read from the input so far, for progress.
    var bytesRead: Int { get }
    /// Calls `body` for each data row, in order; rows with every field empty are skipped.
    func forEachRow(_ body: (TableRow) throws -> Void) throws
    /// The 1-based column (A = 1) of a field, as a spreadsheet names it.
    func column(ofField field: Int) -> Int
}

extension CSVReader {
    public func column(ofField field: Int) -> Int { field + 1 }
}

extension Worksheet {
    public func column(ofField field: Int) -> Int { firstColumn + field }
}

extension String {
    var trimmingSpacesAndTabs: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
