import MeritYAML

/// Reads an .xlsx worksheet part (`<sheetData><row r><c r t s><v>…</v></c>…`, ECMA-376 §18.3) as it
/// streams, turning each cell into the text the sheet shows for it: shared and inline strings as they
/// are, numbers at most 15 significant digits, numbers in a date style as `yyyy-mm-dd`, in a percent
/// style as `78.57%`, booleans as `TRUE`/`FALSE`, error cells (`#N/A`) as such. Formulas are read by their
/// cached result, as the sheet shows them.
final class XLSXSheetParser: SheetParser {
    private enum CellType {
        case number, shared, inline, formulaString, boolean, error, isoDate
    }

    private let label: String
    private let strings: SharedStrings
    private let dateStyles: [Bool]
    private let percentStyles: [Bool]
    private let date1904: Bool
    private let maxFieldBytes: Int
    private let cells = SheetCells()

    private var inSheetData = false
    private var lastRow = 0
    private var inCell = false
    private var column = 0
    private var lastColumn = 0
    private var type = CellType.number
    private var style = 0
    private var inValue = false
    private var inInline = false
    private var inText = false
    private var inPhonetic = false
    private var raw: [UInt8] = []

    init(label: String, strings: SharedStrings, dateStyles: [Bool], percentStyles: [Bool], date1904: Bool, maxFieldBytes: Int) {
        self.label = label
        self.strings = strings
        self.dateStyles = dateStyles
        self.percentStyles = percentStyles
        self.date1904 = date1904
        self.maxFieldBytes = maxFieldBytes
    }

    func parse(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool, row: (SheetCells) throws -> Void) throws -> Int {
        var cursor = XMLCursor(bytes, final: final)
        while true {
            let mark = cursor.index
            let event: XMLCursor.Event
            do {
                event = try cursor.next()
            } catch {
                throw damaged(error.message)
            }
            switch event {
            case .start(let tag):
                try start(tag, cursor, row)
            case .end(let name):
                try end(name, cursor, row)
            case .text(let range):
                try text(range, cursor, cdata: false)
            case .cdata(let range):
                try text(range, cursor, cdata: true)
            case .incomplete:
                if final { throw damaged("it ends inside a tag") }
                return mark
            case .endOfInput:
                return cursor.index
            }
        }
    }

    private func start(_ tag: XMLCursor.Tag, _ cursor: XMLCursor, _ row: (SheetCells) throws -> Void) throws {
        let name = tag.name
        if !inSheetData {
            if cursor.equal(name, Self.sheetData) { inSheetData = !tag.isSelfClosing }
            return
        }
        if cursor.equal(name, Self.c) {
            let position = try cellReference(tag, cursor)
            column = position
            type = cellType(tag, cursor)
            style = cursor.attribute(Self.s, of: tag).flatMap(cursor.integer) ?? 0
            raw.removeAll(keepingCapacity: true)
            inCell = !tag.isSelfClosing
            lastColumn = column
        } else if cursor.equal(name, Self.v) {
            inValue = inCell && !tag.isSelfClosing
        } else if cursor.equal(name, Self.is) {
            inInline = inCell && !tag.isSelfClosing
        } else if cursor.equal(name, Self.t) {
            inText = inInline && !tag.isSelfClosing
        } else if cursor.equal(name, Self.rPh) {
            inPhonetic = inInline && !tag.isSelfClosing
        } else if cursor.equal(name, Self.row) {
            let number = cursor.attribute(Self.r, of: tag).flatMap(cursor.integer) ?? lastRow + 1
            guard number > lastRow, number <= SheetLimits.rows else {
                throw damaged(number <= lastRow ? "row \(number) comes after row \(lastRow)" : "row \(number) is beyond the last row a sheet has")
            }
            cells.reset(row: number)
            lastColumn = 0
            if tag.isSelfClosing { lastRow = number }
        }
    }

    private func end(_ name: Range<Int>, _ cursor: XMLCursor, _ row: (SheetCells) throws -> Void) throws {
        guard inSheetData else { return }
        if cursor.equal(name, Self.v) {
            inValue = false
        } else if cursor.equal(name, Self.t) {
            inText = false
        } else if cursor.equal(name, Self.rPh) {
            inPhonetic = false
        } else if cursor.equal(name, Self.is) {
            inInline = false
        } else if cursor.equal(name, Self.c) {
            if inCell { try finishCell() }
            inCell = false
        } else if cursor.equal(name, Self.row) {
            lastRow = cells.row
            if !cells.isEmpty { try row(cells) }
        } else if cursor.equal(name, Self.sheetData) {
            inSheetData = false
        }
    }

    private func text(_ range: Range<Int>, _ cursor: XMLCursor, cdata: Bool) throws {
        guard inValue || (inInline && inText && !inPhonetic) else { return }
        if cdata {
            raw.append(contentsOf: UnsafeBufferPointer(rebasing: cursor.bytes[range]))
            return
        }
        do {
            try XMLText.decode(range, in: cursor.bytes, ooxmlEscapes: type == .inline || type == .formulaString, into: &raw)
        } catch {
            throw damaged(error.message)
        }
        if raw.count > maxFieldBytes + 64 {
            throw CSVError(at: .cell(label, row: cells.row, column: column), "a cell of more than \(maxFieldBytes) bytes (\(maxFieldBytes / 1024) KB)")
        }
    }

    /// The cell's text goes into the row, with its kind.
    private func finishCell() throws {
        let start = cells.text.count
        var kind = CellKind.text
        switch type {
        case .shared:
            guard !raw.isEmpty else { return }
            guard let index = raw.withUnsafeBufferPointer({ XMLCursor($0).integer(0..<$0.count) }), let range = strings.range(index) else {
                throw damaged("cell \(SourceMark.columnLetters(column))\(cells.row) names shared string \(String(decoding: raw, as: UTF8.self)), which the workbook does not have")
            }
            if let problem = strings.problems[index] { throw CSVError(at: .cell(label, row: cells.row, column: column), problem) }
            cells.text.append(contentsOf: strings.bytes[range])
        case .inline, .formulaString:
            cells.text.append(contentsOf: raw)
        case .boolean:
            cells.text.append(contentsOf: raw == [49] ? Array("TRUE".utf8) : Array("FALSE".utf8))
            kind = .boolean
        case .error:
            cells.text.append(contentsOf: raw)
            kind = .error
        case .isoDate:
            // `2026-03-16T00:00:00`: the day, unless there is a time of day (which a record's date refuses).
            var text = String(decoding: raw, as: UTF8.self)
            if text.hasSuffix("T00:00:00") || text.hasSuffix("T00:00:00Z") { text = String(text.prefix(10)) }
            cells.text.append(contentsOf: Array(text.utf8))
            kind = .date
        case .number:
            guard !raw.isEmpty else { return }
            try number(style: style)
            kind = style < dateStyles.count && dateStyles[style] ? .date : .number
        }
        try CellCheck.check(cells, from: start, label: label, column: column, maxFieldBytes: maxFieldBytes)
        cells.add(column: column, kind: kind, from: start)
    }

    private func number(style: Int) throws {
        let ok = raw.withUnsafeBufferPointer { raw -> Bool in
            if style < dateStyles.count && dateStyles[style] {
                guard let serial = CellValue.double(raw), let date = CellValue.date(serial: serial, date1904: date1904) else { return false }
                cells.text.append(contentsOf: Array(date.utf8))
                return true
            }
            if style < percentStyles.count && percentStyles[style] {
                guard let value = CellValue.double(raw) else { return false }
                cells.text.append(contentsOf: Array((CellValue.format(value * 100) + "%").utf8))
                return true
            }
            return CellValue.appendNumber(raw, to: &cells.text)
        }
        if !ok { throw damaged("cell \(SourceMark.columnLetters(column))\(cells.row) holds '\(String(decoding: raw.prefix(40), as: UTF8.self))', which is not a number") }
    }

    private func cellType(_ tag: XMLCursor.Tag, _ cursor: XMLCursor) -> CellType {
        guard let range = cursor.attribute(Self.tAttribute, of: tag) else { return .number }
        switch cursor.string(range) {
        case "s": return .shared
        case "inlineStr": return .inline
        case "str": return .formulaString
        case "b": return .boolean
        case "e": return .error
        case "d": return .isoDate
        default: return .number
        }
    }

    /// The 1-based column of `r="E12"` (the next column when there is no reference).
    private func cellReference(_ tag: XMLCursor.Tag, _ cursor: XMLCursor) throws -> Int {
        guard let range = cursor.attribute(Self.r, of: tag) else { return lastColumn + 1 }
        var column = 0
        for position in range {
            let byte = cursor.bytes[position]
            guard byte >= 65 && byte <= 90 else { break }
            column = column * 26 + Int(byte - 64)
            if column > SheetLimits.columns { break }
        }
        guard column > lastColumn, column <= SheetLimits.columns else {
            throw damaged("cell \(cursor.string(range)) is out of place in row \(cells.row)")
        }
        return column
    }

    private func damaged(_ detail: String) -> WorkbookError {
        WorkbookError("sheet \(label) is damaged (\(detail)); open the workbook in the spreadsheet program and save it again")
    }

    private static let sheetData = Array("sheetData".utf8)
    private static let row = Array("row".utf8)
    private static let c = Array("c".utf8)
    private static let v = Array("v".utf8)
    private static let `is` = Array("is".utf8)
    private static let t = Array("t".utf8)
    private static let rPh = Array("rPh".utf8)
    private static let r = Array("r".utf8)
    private static let s = Array("s".utf8)
    private static let tAttribute = Array("t".utf8)
}
