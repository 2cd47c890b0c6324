import MeritYAML

/// Reads an .xlsx worksheet part (`<sheetData><row r><c r t s><v>…</v></c>…`, ECMA-376 §18.3) as it
/// streams, turning each cell into the text the sheet shows for it: shared and inline strings as they
/// are, numbers at most 15 significant digits, numbers in a date style as `yyyy-mm-dd`, in a percent
/// style as `78.57%`, booleans as `TRUE`/`FALSE`, error cells (`#N/A`) as such. Formulas are read by their
/// cached result, as the sheet shows them.
///
/// The hot path of a workbook import (a million rows is ~250 MB of XML): the parser's state is a value
/// moved into a local for each chunk, so the loop pays no exclusivity checks or reference counting on
/// it, element names are told apart by length and first byte, and a cell's attributes are read in one
/// pass. Measured with `merit bench xlsx` (see the README): this took the reader from 5.1 s to under
/// half that for a million rows.
final class XLSXSheetParser: SheetParser {
    enum CellType {
        case number, shared, inline, formulaString, boolean, error, isoDate
    }

    /// The elements the parser acts on.
    private enum Element {
        case sheetData, row, c, v, inlineString, t, rPh, other
    }

    struct State {
        var cells = SheetCells()
        var inSheetData = false
        var lastRow = 0
        var inCell = false
        var column = 0
        var lastColumn = 0
        var type = CellType.number
        var style = 0
        var inValue = false
        var inInline = false
        var inText = false
        var inPhonetic = false
        var raw: [UInt8] = []
        /// The last date cell's serial and text: a column of dates repeats one or a few days.
        var lastDateSerial: [UInt8] = []
        var lastDateText: [UInt8] = []
    }

    private let label: String
    private let strings: SharedStrings
    private let dateStyles: [Bool]
    private let percentStyles: [Bool]
    private let date1904: Bool
    let maxFieldBytes: Int
    private var saved = State()

    init(label: String, strings: SharedStrings, dateStyles: [Bool], percentStyles: [Bool], date1904: Bool, maxFieldBytes: Int) {
        self.label = label
        self.strings = strings
        self.dateStyles = dateStyles
        self.percentStyles = percentStyles
        self.date1904 = date1904
        self.maxFieldBytes = maxFieldBytes
    }

    /// Whether a cell written the usual way (`<c r="B2" s="1" t="s"><v>17</v></c>`) is read in one step;
    /// off only to test that both ways read every sheet alike.
    var fastCells = true

    func parse(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool, row: (SheetCells) throws -> Void) throws -> Int {
        var state = saved
        saved = State()
        defer { saved = state }
        var cursor = XMLCursor(bytes, final: final)
        // Read once: a class property read in the loop costs an exclusivity check per event.
        let fastCells = fastCells
        while true {
            let mark = cursor.index
            if fastCells && state.inSheetData {
                if try plainCell(&cursor, &state) || plainRow(&cursor, &state) { continue }
            }
            let event: XMLCursor.Event
            do {
                event = try cursor.next()
            } catch {
                throw damaged(error.message)
            }
            switch event {
            case .start(let tag):
                try start(tag, cursor, &state)
            case .end(let name):
                try end(Self.element(name, cursor.bytes), &state, row)
            case .text(let range):
                try text(range, cursor, cdata: false, &state)
            case .cdata(let range):
                try text(range, cursor, cdata: true, &state)
            case .incomplete:
                if final { throw damaged("it ends inside a tag") }
                return mark
            case .endOfInput:
                return cursor.index
            }
        }
    }

    /// An element by its local name: by length, then bytes.
    private static func element(_ name: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> Element {
        let first = bytes[name.lowerBound]
        switch name.count {
        case 1:
            switch first {
            case UInt8(ascii: "c"): return .c
            case UInt8(ascii: "v"): return .v
            case UInt8(ascii: "t"): return .t
            default: return .other
            }
        case 2:
            return first == UInt8(ascii: "i") && bytes[name.lowerBound + 1] == UInt8(ascii: "s") ? .inlineString : .other
        case 3:
            guard first == UInt8(ascii: "r") else { return .other }
            let second = bytes[name.lowerBound + 1]
            let third = bytes[name.lowerBound + 2]
            if second == UInt8(ascii: "o") && third == UInt8(ascii: "w") { return .row }
            if second == UInt8(ascii: "P") && third == UInt8(ascii: "h") { return .rPh }
            return .other
        case 9:
            return Array(UnsafeBufferPointer(rebasing: bytes[name])) == Array("sheetData".utf8) ? .sheetData : .other
        default:
            return .other
        }
    }

    private func start(_ tag: XMLCursor.Tag, _ cursor: XMLCursor, _ state: inout State) throws {
        let element = Self.element(tag.name, cursor.bytes)
        guard state.inSheetData else {
            if element == .sheetData { state.inSheetData = !tag.isSelfClosing }
            return
        }
        switch element {
        case .c:
            try readCell(tag, cursor, &state)
            state.raw.removeAll(keepingCapacity: true)
            state.inCell = !tag.isSelfClosing
            state.lastColumn = state.column
        case .v:
            state.inValue = state.inCell && !tag.isSelfClosing
        case .inlineString:
            state.inInline = state.inCell && !tag.isSelfClosing
        case .t:
            state.inText = state.inInline && !tag.isSelfClosing
        case .rPh:
            state.inPhonetic = state.inInline && !tag.isSelfClosing
        case .row:
            try startRow(cursor.attribute(Self.r, of: tag).flatMap(cursor.integer), &state)
            if tag.isSelfClosing { state.lastRow = state.cells.row }
        case .sheetData, .other:
            break
        }
    }

    /// A row starts: its number (`r`, or the next one), which must come after the last row.
    func startRow(_ given: Int?, _ state: inout State) throws {
        let number = given ?? state.lastRow + 1
        guard number > state.lastRow, number <= SheetLimits.rows else {
            throw damaged(number <= state.lastRow ? "row \(number) comes after row \(state.lastRow)" : "row \(number) is beyond the last row a sheet has")
        }
        state.cells.reset(row: number)
        state.lastColumn = 0
        // A cell left open by the row before ends with it (found by the `xlsx` fuzz target: its
        // column would otherwise land in this row, out of order).
        state.inCell = false
        state.inValue = false
        state.inInline = false
        state.inText = false
        state.inPhonetic = false
    }

    private func end(_ element: Element, _ state: inout State, _ row: (SheetCells) throws -> Void) throws {
        guard state.inSheetData else { return }
        switch element {
        case .v: state.inValue = false
        case .t: state.inText = false
        case .rPh: state.inPhonetic = false
        case .inlineString: state.inInline = false
        case .c:
            if state.inCell { try finishCell(&state) }
            state.inCell = false
        case .row:
            state.lastRow = state.cells.row
            state.inCell = false
            if !state.cells.isEmpty { try row(state.cells) }
        case .sheetData:
            state.inSheetData = false
        case .other:
            break
        }
    }

    private func text(_ range: Range<Int>, _ cursor: XMLCursor, cdata: Bool, _ state: inout State) throws {
        guard state.inValue || (state.inInline && state.inText && !state.inPhonetic) else { return }
        if cdata {
            state.raw.append(contentsOf: UnsafeBufferPointer(rebasing: cursor.bytes[range]))
            return
        }
        do {
            try XMLText.decode(range, in: cursor.bytes, ooxmlEscapes: state.type == .inline || state.type == .formulaString, into: &state.raw)
        } catch {
            throw damaged(error.message)
        }
        if state.raw.count > maxFieldBytes + 64 {
            throw CSVError(at: .cell(label, row: state.cells.row, column: state.column), "a cell of more than \(maxFieldBytes) bytes (\(maxFieldBytes / 1024) KB)")
        }
    }

    /// A cell's `r`, `t` and `s`, in one pass over its attributes.
    private func readCell(_ tag: XMLCursor.Tag, _ cursor: XMLCursor, _ state: inout State) throws {
        var reference: Range<Int>?
        state.type = .number
        state.style = 0
        let bytes = cursor.bytes
        cursor.forEachAttribute(of: tag) { name, value in
            // `r`, `t`, `s`, with or without a prefix.
            guard name.count == 1 || (name.count > 2 && bytes[name.upperBound - 2] == UInt8(ascii: ":")) else { return }
            switch bytes[name.upperBound - 1] {
            case UInt8(ascii: "r"): reference = value
            case UInt8(ascii: "t"): state.type = Self.cellType(value, bytes)
            case UInt8(ascii: "s"): state.style = cursor.integer(value) ?? 0
            default: break
            }
        }
        state.column = try column(of: reference, cursor, &state)
    }

    static func cellType(_ value: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> CellType {
        guard let first = value.first.map({ bytes[$0] }) else { return .number }
        switch (first, value.count) {
        case (UInt8(ascii: "s"), 1): return .shared
        case (UInt8(ascii: "s"), 3): return .formulaString
        case (UInt8(ascii: "i"), _): return .inline
        case (UInt8(ascii: "b"), _): return .boolean
        case (UInt8(ascii: "e"), _): return .error
        case (UInt8(ascii: "d"), _): return .isoDate
        default: return .number
        }
    }

    /// The 1-based column of `r="E12"` (the next column when there is no reference).
    func column(of reference: Range<Int>?, _ cursor: XMLCursor, _ state: inout State) throws -> Int {
        guard let range = reference else { return state.lastColumn + 1 }
        var column = 0
        for position in range {
            let byte = cursor.bytes[position]
            guard byte >= 65 && byte <= 90 else { break }
            column = column * 26 + Int(byte - 64)
            if column > SheetLimits.columns { break }
        }
        guard column > state.lastColumn, column <= SheetLimits.columns else {
            throw damaged("cell \(cursor.string(range)) is out of place in row \(state.cells.row)")
        }
        return column
    }

    /// The cell's text goes into the row, with its kind.
    func finishCell(_ state: inout State) throws {
        let start = state.cells.text.count
        var kind = CellKind.text
        switch state.type {
        case .shared:
            guard !state.raw.isEmpty else { return }
            try state.raw.withUnsafeBufferPointer { raw in try appendShared(raw, 0..<raw.count, &state) }
            return
        case .inline, .formulaString:
            state.cells.text.append(contentsOf: state.raw)
        case .boolean:
            state.cells.text.append(contentsOf: state.raw == [49] ? Array("TRUE".utf8) : Array("FALSE".utf8))
            kind = .boolean
        case .error:
            state.cells.text.append(contentsOf: state.raw)
            kind = .error
        case .isoDate:
            // `2026-03-16T00:00:00`: the day, unless there is a time of day (which a record's date refuses).
            var text = String(decoding: state.raw, as: UTF8.self)
            if text.hasSuffix("T00:00:00") || text.hasSuffix("T00:00:00Z") { text = String(text.prefix(10)) }
            state.cells.text.append(contentsOf: Array(text.utf8))
            kind = .date
        case .number:
            guard !state.raw.isEmpty else { return }
            try number(&state)
            kind = state.style < dateStyles.count && dateStyles[state.style] ? .date : .number
        }
        try CellCheck.check(state.cells, from: start, label: label, column: state.column, maxFieldBytes: maxFieldBytes)
        state.cells.add(column: state.column, kind: kind, from: start)
    }

    /// A shared-string cell: the string its index (the digits at `digits` of `bytes`) names.
    func appendShared(_ bytes: UnsafeBufferPointer<UInt8>, _ digits: Range<Int>, _ state: inout State) throws {
        guard let index = XMLCursor(bytes).integer(digits), let range = strings.range(index) else {
            throw damaged("cell \(SourceMark.columnLetters(state.column))\(state.cells.row) names shared string \(String(decoding: UnsafeBufferPointer(rebasing: bytes[digits]).prefix(20), as: UTF8.self)), which the workbook does not have")
        }
        // Most workbooks have no string with a problem: no lookup then.
        if !strings.problems.isEmpty, let problem = strings.problems[index] {
            throw CSVError(at: .cell(label, row: state.cells.row, column: state.column), problem)
        }
        if range.count > maxFieldBytes {
            throw CSVError(at: .cell(label, row: state.cells.row, column: state.column), "a cell of \(range.count) bytes; cells are at most \(maxFieldBytes) bytes (\(maxFieldBytes / 1024) KB)")
        }
        // Shared strings were checked for hidden characters once, when read.
        let start = state.cells.text.count
        state.cells.text.append(contentsOf: strings.bytes[range])
        state.cells.add(column: state.column, kind: .text, from: start)
    }

    private func number(_ state: inout State) throws {
        let style = state.style
        let text = state.raw
        let ok = text.withUnsafeBufferPointer { raw -> Bool in
            if style < dateStyles.count && dateStyles[style] {
                if raw.elementsEqual(state.lastDateSerial) {
                    state.cells.text.append(contentsOf: state.lastDateText)
                    return true
                }
                guard let serial = CellValue.double(raw), let date = CellValue.date(serial: serial, date1904: date1904) else { return false }
                state.lastDateSerial = Array(raw)
                state.lastDateText = Array(date.utf8)
                state.cells.text.append(contentsOf: state.lastDateText)
                return true
            }
            if style < percentStyles.count && percentStyles[style] {
                guard let value = CellValue.double(raw) else { return false }
                state.cells.text.append(contentsOf: Array((CellValue.format(value * 100) + "%").utf8))
                return true
            }
            return CellValue.appendNumber(raw, to: &state.cells.text)
        }
        if !ok {
            throw damaged("cell \(SourceMark.columnLetters(state.column))\(state.cells.row) holds '\(String(decoding: state.raw.prefix(40), as: UTF8.self))', which is not a number")
        }
    }

    func damaged(_ detail: String) -> WorkbookError {
        WorkbookError("sheet \(label) is damaged (\(detail)); open the workbook in the spreadsheet program and save it again")
    }

    private static let r = Array("r".utf8)
}
