import MeritYAML

/// One worksheet row as its filled cells, in column order, their text in one buffer (reused row after
/// row: a million-row sheet allocates nothing per row). A value held by its parser, and lent to the
/// row callback.
struct SheetCells {
    /// The 1-based row number.
    private(set) var row = 0
    private(set) var columns: [Int] = []
    private(set) var kinds: [CellKind] = []
    private(set) var ranges: [Range<Int>] = []
    var text: [UInt8] = []

    var isEmpty: Bool { columns.isEmpty }
    var count: Int { columns.count }

    mutating func reset(row: Int) {
        self.row = row
        columns.removeAll(keepingCapacity: true)
        kinds.removeAll(keepingCapacity: true)
        ranges.removeAll(keepingCapacity: true)
        text.removeAll(keepingCapacity: true)
    }

    /// The same cells, as the next row (an OpenDocument row repeated).
    mutating func shift(toRow row: Int) {
        self.row = row
    }

    /// Adds a cell whose text was appended to `text` from `start`. Cells with no text are not kept, nor
    /// a cell out of column order (the parsers refuse those; this keeps the row's order a fact).
    mutating func add(column: Int, kind: CellKind, from start: Int) {
        guard text.count > start, columns.last.map({ column > $0 }) ?? true else {
            text.removeSubrange(start...)
            return
        }
        columns.append(column)
        kinds.append(kind)
        ranges.append(start..<text.count)
    }

    /// The cell's text, trimmed of spaces and tabs.
    func string(_ index: Int) -> String {
        String(decoding: text[ranges[index]], as: UTF8.self).trimmingSpacesAndTabs
    }

    /// Whether the cell holds only spaces.
    func isBlank(_ index: Int) -> Bool {
        text[ranges[index]].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    /// Whether any cell holds more than spaces.
    var hasContent: Bool { columns.indices.contains { !isBlank($0) } }
}

/// Reads a sheet's XML as it streams and hands on each row that has cells.
protocol SheetParser: AnyObject {
    /// Parses what it can of `bytes` (the part's bytes not yet consumed), calling `row` for each row
    /// with cells; returns how many bytes it consumed. `final` is set on the last call.
    func parse(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool, row: (SheetCells) throws -> Void) throws -> Int
}

/// Limits that keep a damaged or hostile workbook from taking the machine.
enum SheetLimits {
    /// Excel's and Calc's own limits.
    static let rows = 1_048_576
    static let columns = 16_384
}

extension Workbook {
    /// The parser of one sheet; `label` (`book.xlsx[Nilai]`) names it in marks.
    func parser(for sheet: Sheet, label: String, maxFieldBytes: Int) -> any SheetParser {
        switch format {
        case .xlsx:
            XLSXSheetParser(
                label: label, strings: sharedStrings, dateStyles: dateStyles, percentStyles: percentStyles, date1904: date1904,
                maxFieldBytes: maxFieldBytes)
        case .ods: ODSSheetParser(sheetIndex: sheet.index, label: label, maxFieldBytes: maxFieldBytes)
        }
    }
}

/// Problems of one cell's content, shared by the parsers.
enum CellCheck {
    /// Refuses a hidden character or an over-long text at the cell.
    static func check(_ cells: SheetCells, from start: Int, label: String, column: Int, maxFieldBytes: Int) throws(CSVError) {
        let length = cells.text.count - start
        guard length > 0 else { return }
        if length > maxFieldBytes {
            throw CSVError(
                at: .cell(label, row: cells.row, column: column),
                "a cell of \(length) bytes; cells are at most \(maxFieldBytes) bytes (\(maxFieldBytes / 1024) KB)")
        }
        let problem = cells.text.withUnsafeBufferPointer { XMLText.hiddenProblem(UnsafeBufferPointer(rebasing: $0[start...])) }
        if let problem { throw CSVError(at: .cell(label, row: cells.row, column: column), problem) }
    }
}
