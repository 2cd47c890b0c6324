import MeritYAML

/// One sheet of a workbook read as a table: its header row (which may sit below a title or blank rows),
/// then its rows, each cell at its column under the header. A value outside the header's columns is an
/// error at its cell, as a CSV row longer than its header is.
public final class Worksheet: TableReader {
    /// `ratings.xlsx[Nilai]`.
    public let file: String
    public let sheetName: String
    public let header: [String]
    public let headerMarks: [SourceMark]
    /// The header's row, and rows above it that hold something (a title): not records, and reported so.
    public let headerRow: Int
    public let rowsAbove: [(row: Int, text: String)]
    public private(set) var blankRowsSkipped = 0
    public private(set) var bytesRead = 0
    private let workbook: Workbook
    private let sheet: Workbook.Sheet
    let firstColumn: Int
    private let maxFieldBytes: Int

    /// What the top of a sheet holds.
    enum Top {
        case header(row: Int, firstColumn: Int, names: [String], above: [(row: Int, text: String)])
        case empty
        /// No row among the first few looks like a header; the first rows' text, for the message.
        case noHeader(firstRows: [(row: Int, text: String)])
    }

    /// How many rows with something in them are looked at for the header.
    static let headerSearchRows = 10

    init(workbook: Workbook, sheet: Workbook.Sheet, top: Top, maxFieldBytes: Int) {
        self.workbook = workbook
        self.sheet = sheet
        self.sheetName = sheet.name
        self.file = Self.label(workbook.path, sheet.name)
        self.maxFieldBytes = maxFieldBytes
        guard case .header(let row, let first, let names, let above) = top else { preconditionFailure("a sheet without a header") }
        headerRow = row
        firstColumn = first
        header = names
        rowsAbove = above
        headerMarks = names.indices.map { SourceMark.cell(Self.label(workbook.path, sheet.name), row: row, column: first + $0) }
    }

    static func label(_ path: String, _ sheet: String) -> String { "\(path)[\(sheet)]" }

    /// Reads the top of a sheet: the first row (among the first few with something in them) that
    /// `isHeader` accepts. Only the start of the sheet is read.
    static func top(of sheet: Workbook.Sheet, in workbook: Workbook, maxFieldBytes: Int, isHeader: ([String]) -> Bool) throws -> Top {
        struct Found: Error {}
        let parser = workbook.parser(for: sheet, label: label(workbook.path, sheet.name), maxFieldBytes: maxFieldBytes)
        var seen: [(row: Int, text: String)] = []
        var result = Top.empty
        do {
            try workbook.stream(sheet.part) { bytes, final in
                try parser.parse(bytes, final: final) { cells in
                    guard cells.hasContent else { return }
                    let filled = cells.columns.indices.filter { !cells.isBlank($0) }
                    let first = cells.columns[filled.first!]
                    let last = cells.columns[filled.last!]
                    var names = Array(repeating: "", count: last - first + 1)
                    for index in filled { names[cells.columns[index] - first] = cells.string(index) }
                    if isHeader(names) {
                        result = .header(row: cells.row, firstColumn: first, names: names, above: seen)
                        throw Found()
                    }
                    seen.append((cells.row, names.filter { !$0.isEmpty }.joined(separator: " | ")))
                    if seen.count >= headerSearchRows {
                        result = .noHeader(firstRows: seen)
                        throw Found()
                    }
                }
            }
        } catch is Found {
            return result
        }
        return seen.isEmpty ? .empty : .noHeader(firstRows: seen)
    }

    public func forEachRow(_ body: (TableRow) throws -> Void) throws {
        let parser = workbook.parser(for: sheet, label: file, maxFieldBytes: maxFieldBytes)
        let width = header.count
        var fields = [TableField](repeating: TableField(start: 0, end: 0, scratch: TableField.unquoted), count: width)
        let empty = TableField(start: 0, end: 0, scratch: TableField.unquoted)
        let scratch: [UInt8] = []
        let name = SourceName(file)
        try workbook.stream(sheet.part) { bytes, final in
            let used = try parser.parse(bytes, final: final) { cells in
                guard cells.row > headerRow else { return }
                for index in fields.indices { fields[index] = empty }
                var filled = false
                for index in 0..<cells.count {
                    let field = cells.columns[index] - firstColumn
                    let blank = cells.isBlank(index)
                    guard field >= 0 && field < width else {
                        if blank { continue }
                        throw CSVError(
                            at: .cell(file, row: cells.row, column: cells.columns[index]),
                            "a value outside the header's columns (\(SourceMark.columnLetters(firstColumn))–\(SourceMark.columnLetters(firstColumn + width - 1)) of row \(headerRow)); give its column a header, or delete it")
                    }
                    let range = cells.ranges[index]
                    fields[field] = TableField(start: range.lowerBound, end: range.upperBound, scratch: TableField.unquoted, kind: cells.kinds[index])
                    if !blank { filled = true }
                }
                guard filled else {
                    blankRowsSkipped += 1
                    return
                }
                try cells.text.withUnsafeBufferPointer { buffer in
                    try fields.withUnsafeBufferPointer { fields in
                        try scratch.withUnsafeBufferPointer { scratch in
                            try body(TableRow(buffer: buffer, fields: fields, scratch: scratch, locator: .cell(name, firstColumn: firstColumn), line: cells.row))
                        }
                    }
                }
            }
            bytesRead += used
            return used
        }
    }
}
