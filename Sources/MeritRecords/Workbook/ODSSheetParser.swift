import MeritYAML

/// Reads one sheet (`table:table`) of an OpenDocument spreadsheet's `content.xml` (ODF 1.3 §9.1) as it
/// streams. A cell's value comes from its typed attributes (`office:value` for numbers, percentages and
/// currencies, `office:date-value`, `office:boolean-value`), else from its paragraphs, the text it shows.
/// Repeated rows and cells (`number-rows-repeated`, `number-columns-repeated`) are expanded when they
/// hold something; empty ones only move the row or column on. Annotations (comments) are not cell text.
final class ODSSheetParser: SheetParser {
    private let sheetIndex: Int
    private let label: String
    private let maxFieldBytes: Int
    private var cells = SheetCells()
    private var tables = 0
    private var inTarget = false
    private var row = 0
    private var rowRepeat = 1
    private var column = 0
    private var inCell = false
    private var cellRepeat = 1
    private var kind = CellKind.text
    private var typedValue: [UInt8]?
    private var paragraphs = 0
    private var inParagraph = 0
    private var annotationDepth = 0
    private var text: [UInt8] = []

    init(sheetIndex: Int, label: String, maxFieldBytes: Int) {
        self.sheetIndex = sheetIndex
        self.label = label
        self.maxFieldBytes = maxFieldBytes
    }

    /// The names of the spreadsheet's sheets, in order.
    static func tableNames(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool, into names: inout [String]) throws -> Int {
        try XMLCursor.events(in: bytes, final: final, damaged: { XMLProblem($0).inPart("content.xml") }) { cursor, event in
            guard case .start(let tag) = event, cursor.equal(tag.name, Self.table),
                let name = cursor.attribute(Self.tableName, of: tag, qualified: true)
            else { return }
            var decoded: [UInt8] = []
            do {
                try XMLText.decode(name, in: cursor.bytes, ooxmlEscapes: false, into: &decoded)
            } catch let error as XMLProblem {
                throw error.inPart("content.xml")
            }
            names.append(String(decoding: decoded, as: UTF8.self))
        }
    }

    func parse(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool, row emit: (SheetCells) throws -> Void) throws -> Int {
        try XMLCursor.events(in: bytes, final: final, damaged: damaged) { cursor, event in
            switch event {
            case .start(let tag):
                try start(tag, cursor, emit)
            case .end(let name):
                try end(name, cursor, emit)
            case .text(let range), .cdata(let range):
                guard inTarget, inCell, inParagraph > 0, annotationDepth == 0 else { return }
                if case .cdata = event {
                    text.append(contentsOf: UnsafeBufferPointer(rebasing: cursor.bytes[range]))
                } else {
                    do {
                        try XMLText.decode(range, in: cursor.bytes, ooxmlEscapes: false, into: &text)
                    } catch let error as XMLProblem {
                        throw damaged(error.message)
                    }
                }
            case .incomplete, .endOfInput:
                return
            }
        }
    }

    private func start(_ tag: XMLCursor.Tag, _ cursor: XMLCursor, _ emit: (SheetCells) throws -> Void) throws {
        if cursor.equal(tag.name, Self.table) {
            tables += 1
            inTarget = tables - 1 == sheetIndex && !tag.isSelfClosing
            return
        }
        guard inTarget else { return }
        if annotationDepth > 0 {
            if cursor.equal(tag.name, Self.annotation) && !tag.isSelfClosing { annotationDepth += 1 }
            return
        }
        if cursor.equal(tag.name, Self.tableRow) {
            rowRepeat = repeatCount(tag, cursor, Self.rowsRepeated)
            cells.reset(row: row + 1)
            column = 0
            inCell = false
            inParagraph = 0
            if tag.isSelfClosing { row += rowRepeat }
        } else if cursor.equal(tag.name, Self.tableCell) || cursor.equal(tag.name, Self.coveredCell) {
            cellRepeat = repeatCount(tag, cursor, Self.columnsRepeated)
            text.removeAll(keepingCapacity: true)
            paragraphs = 0
            typedValue = nil
            kind = .text
            readTypedValue(tag, cursor)
            inCell = !tag.isSelfClosing
            if tag.isSelfClosing { try finishCell() }
        } else if inCell {
            if cursor.equal(tag.name, Self.annotation) {
                if !tag.isSelfClosing { annotationDepth = 1 }
            } else if cursor.equal(tag.name, Self.paragraph) {
                if paragraphs > 0 { text.append(0x0A) }
                paragraphs += 1
                if !tag.isSelfClosing { inParagraph += 1 }
            } else if inParagraph > 0 {
                if cursor.equal(tag.name, Self.space) {
                    let count = min(cursor.attribute(Self.c, of: tag).flatMap(cursor.integer) ?? 1, maxFieldBytes)
                    text.append(contentsOf: repeatElement(0x20, count: count))
                } else if cursor.equal(tag.name, Self.tab) {
                    text.append(0x09)
                } else if cursor.equal(tag.name, Self.lineBreak) {
                    text.append(0x0A)
                }
            }
        }
    }

    private func end(_ name: Range<Int>, _ cursor: XMLCursor, _ emit: (SheetCells) throws -> Void) throws {
        guard inTarget else { return }
        if annotationDepth > 0 {
            if cursor.equal(name, Self.annotation) { annotationDepth -= 1 }
            return
        }
        if cursor.equal(name, Self.paragraph) {
            inParagraph = max(0, inParagraph - 1)
        } else if cursor.equal(name, Self.tableCell) || cursor.equal(name, Self.coveredCell) {
            if inCell { try finishCell() }
            inCell = false
        } else if cursor.equal(name, Self.tableRow) {
            if cells.isEmpty {
                row += rowRepeat
                return
            }
            for copy in 0..<rowRepeat {
                guard row + 1 <= SheetLimits.rows else { throw damaged("more rows than a sheet has") }
                if copy > 0 { cells.shift(toRow: row + 1) }
                row += 1
                try emit(cells)
            }
        } else if cursor.equal(name, Self.table) {
            inTarget = false
        }
    }

    private func readTypedValue(_ tag: XMLCursor.Tag, _ cursor: XMLCursor) {
        let valueType = cursor.attribute(Self.valueType, of: tag, qualified: true).map(cursor.string)
        let calcType = cursor.attribute(Self.calcValueType, of: tag, qualified: true).map(cursor.string)
        if calcType == "error" {
            kind = .error
            return
        }
        switch valueType {
        case "float", "currency":
            if let value = cursor.attribute(Self.value, of: tag, qualified: true) {
                var output: [UInt8] = []
                if CellValue.appendNumber(UnsafeBufferPointer(rebasing: cursor.bytes[value]), to: &output) { typedValue = output }
                kind = .number
            }
        case "percentage":
            if let value = cursor.attribute(Self.value, of: tag, qualified: true),
                let number = CellValue.double(UnsafeBufferPointer(rebasing: cursor.bytes[value]))
            {
                typedValue = Array((CellValue.format(number * 100) + "%").utf8)
                kind = .number
            }
        case "date":
            if let value = cursor.attribute(Self.dateValue, of: tag, qualified: true) {
                var date = cursor.string(value)
                if date.hasSuffix("T00:00:00") { date = String(date.prefix(10)) }
                if date.count > 10 { date = String(date.map { $0 == "T" ? " " : $0 }) }
                typedValue = Array(date.utf8)
                kind = .date
            }
        case "boolean":
            if let value = cursor.attribute(Self.booleanValue, of: tag, qualified: true) {
                typedValue = Array((cursor.string(value) == "true" ? "TRUE" : "FALSE").utf8)
                kind = .boolean
            }
        default:
            break
        }
    }

    private func finishCell() throws {
        let first = column + 1
        column += cellRepeat
        guard column <= SheetLimits.columns else { throw damaged("more columns than a sheet has") }
        let value = typedValue ?? text
        guard !value.isEmpty else { return }
        for offset in 0..<cellRepeat {
            let start = cells.text.count
            cells.text.append(contentsOf: value)
            try CellCheck.check(cells, from: start, label: label, column: first + offset, maxFieldBytes: maxFieldBytes)
            cells.add(column: first + offset, kind: kind, from: start)
        }
    }

    private func repeatCount(_ tag: XMLCursor.Tag, _ cursor: XMLCursor, _ name: [UInt8]) -> Int {
        max(1, min(cursor.attribute(name, of: tag, qualified: true).flatMap(cursor.integer) ?? 1, SheetLimits.rows))
    }

    private func damaged(_ detail: String) -> WorkbookError {
        WorkbookError("sheet \(label) is damaged (\(detail)); open the spreadsheet in the spreadsheet program and save it again")
    }

    private static let table = Array("table".utf8)
    private static let tableName = Array("table:name".utf8)
    private static let tableRow = Array("table-row".utf8)
    private static let tableCell = Array("table-cell".utf8)
    private static let coveredCell = Array("covered-table-cell".utf8)
    private static let annotation = Array("annotation".utf8)
    private static let paragraph = Array("p".utf8)
    private static let space = Array("s".utf8)
    private static let tab = Array("tab".utf8)
    private static let lineBreak = Array("line-break".utf8)
    private static let c = Array("c".utf8)
    private static let rowsRepeated = Array("table:number-rows-repeated".utf8)
    private static let columnsRepeated = Array("table:number-columns-repeated".utf8)
    private static let valueType = Array("office:value-type".utf8)
    private static let calcValueType = Array("calcext:value-type".utf8)
    private static let value = Array("office:value".utf8)
    private static let dateValue = Array("office:date-value".utf8)
    private static let booleanValue = Array("office:boolean-value".utf8)
}
