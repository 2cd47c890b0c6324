import MeritCore
import MeritYAML

/// Writes one table as an .xlsx workbook (ECMA-376) for Excel users: the header row bold and frozen,
/// columns wide enough for their text, number cells as numbers (shown with the decimals they were written
/// with, in the reader's own locale: `0,06` in Indonesian Excel), text cells as inline strings. A workbook
/// written here holds no formula, so a cell that starts with `=` stays text (no CSV-style quoting needed).
public enum XLSXWriter {
    /// The workbook's bytes; `sheet` names its only sheet (at most 31 characters, none of `[]:*?/\`).
    public static func workbook(sheet: String, header: [String], rows: [[CSVWriter.Cell]]) throws -> [UInt8] {
        precondition(!sheet.isEmpty && sheet.count <= 31 && !sheet.contains { "[]:*?/\\".contains($0) }, "sheet name '\(sheet)'")
        let table = [header.map(CSVWriter.Cell.text)] + rows
        return try ZipWriter.archive([
            ("[Content_Types].xml", Array(contentTypes.utf8)),
            ("_rels/.rels", Array(packageRelationships.utf8)),
            ("xl/workbook.xml", Array(workbookXML(sheet).utf8)),
            ("xl/_rels/workbook.xml.rels", Array(workbookRelationships.utf8)),
            ("xl/styles.xml", Array(styles.utf8)),
            ("xl/worksheets/sheet1.xml", Array(sheetXML(table).utf8)),
        ])
    }

    /// `title` as a sheet may be named: without `[]:*?/\`, at most 31 characters, never empty.
    public static func sheetName(_ title: String) -> String {
        var kept = Substring(String(title.filter { !"[]:*?/\\".contains($0) }.prefix(31)))
        while kept.last?.isWhitespace == true { kept = kept.dropLast() }
        while kept.first?.isWhitespace == true { kept = kept.dropFirst() }
        return kept.isEmpty ? "Sheet1" : String(kept)
    }

    /// Decimals a number cell was written with; nil for text that is not a plain decimal (written as text).
    static func decimals(_ number: String) -> Int? {
        var digits = number.utf8[...]
        if digits.first == UInt8(ascii: "-") { digits = digits.dropFirst() }
        let parts = digits.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, parts.allSatisfy({ $0.allSatisfy { $0 >= 48 && $0 <= 57 } }) else { return nil }
        guard parts.count == 2 else { return 0 }
        return parts[1].isEmpty || parts[1].count > maxDecimals ? nil : parts[1].count
    }

    static let maxDecimals = 6

    static func sheetXML(_ table: [[CSVWriter.Cell]]) -> String {
        let columns = table.map(\.count).max() ?? 0
        var widths = [Int](repeating: 8, count: columns)
        for row in table {
            for (index, cell) in row.enumerated() {
                let text: String
                switch cell {
                case .text(let value), .number(let value): text = value
                }
                widths[index] = min(60, max(widths[index], text.count + 2))
            }
        }
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        xml += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        xml += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#
        if columns > 0 {
            xml += "<cols>"
            for (index, width) in widths.enumerated() { xml += #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(width)" customWidth="1"/>"# }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        for (rowIndex, row) in table.enumerated() {
            xml += #"<row r="\#(rowIndex + 1)">"#
            for (columnIndex, cell) in row.enumerated() {
                let reference = SourceMark.columnLetters(columnIndex + 1) + String(rowIndex + 1)
                if case .number(let value) = cell, let places = decimals(value) {
                    let style = places == 0 ? "" : #" s="\#(places + 1)""#
                    xml += #"<c r="\#(reference)"\#(style)><v>\#(value)</v></c>"#
                    continue
                }
                switch cell {
                case .text(let value) where value.isEmpty, .number(let value) where value.isEmpty:
                    continue
                case .text(let value), .number(let value):
                    let header = rowIndex == 0 ? #" s="1""# : ""
                    let space = value.first?.isWhitespace == true || value.last?.isWhitespace == true ? #" xml:space="preserve""# : ""
                    xml += #"<c r="\#(reference)"\#(header) t="inlineStr"><is><t\#(space)>\#(escape(value))</t></is></c>"#
                }
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }

    static func escape(_ text: String) -> String {
        MarkupEscaping.escape(text)
    }

    static func workbookXML(_ sheet: String) -> String {
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="\#(escape(sheet))" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    }

    /// Cell styles: 0 the default, 1 the bold header, 2… a number with 1… decimals (custom formats 164…).
    static var styles: String {
        let formats = (1...maxDecimals).map { #"<numFmt numFmtId="\#(163 + $0)" formatCode="0.\#(String(repeating: "0", count: $0))"/>"# }.joined()
        let numbers = (1...maxDecimals).map { #"<xf numFmtId="\#(163 + $0)" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"# }.joined()
        return #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
            + #"<numFmts count="\#(maxDecimals)">\#(formats)</numFmts>"#
            + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
            + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
            + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
            + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
            + #"<cellXfs count="\#(maxDecimals + 2)"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\#(numbers)</cellXfs>"#
            + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#
    }

    static let contentTypes = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#

    static let packageRelationships = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#

    static let workbookRelationships = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#
}
