import Foundation
import MeritCore
import MeritRecords
import Testing
import ZIPFoundation

/// What other writers put in a worksheet (Excel's inline and rich-text strings, `_xHHHH_` escapes, error
/// and boolean cells, the 1904 date system, missing cell references, namespace prefixes), written by hand
/// as the parts of a workbook: the LibreOffice fixtures cover what Calc writes.
@Suite struct WorksheetXMLTests {
    /// A workbook of one sheet `Nilai`, with the given sheet data rows, shared strings and cell formats.
    static func workbook(
        _ rows: String, strings: [String] = [], numberFormats: [Int] = [0], date1904: Bool = false, prefix: String = ""
    ) throws -> String {
        let path = try RecordReading.write("nilai.xlsx", [])
        try FileManager.default.removeItem(atPath: path)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        func add(_ name: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        try add("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")
        try add("_rels/.rels", "<Relationships><Relationship Id=\"r1\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")
        try add(
            "xl/workbook.xml",
            "<workbook xmlns=\"\(main)\" xmlns:r=\"\(rel)\"><workbookPr date1904=\"\(date1904)\"/><sheets><sheet name=\"Nilai\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>")
        try add(
            "xl/_rels/workbook.xml.rels",
            "<Relationships><Relationship Id=\"rId1\" Type=\"\(rel)/worksheet\" Target=\"/xl/worksheets/sheet1.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"\(rel)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                + "<Relationship Id=\"rId3\" Type=\"\(rel)/styles\" Target=\"styles.xml\"/></Relationships>")
        try add("xl/sharedStrings.xml", "<sst xmlns=\"\(main)\">" + strings.joined() + "</sst>")
        try add(
            "xl/styles.xml",
            "<styleSheet xmlns=\"\(main)\"><numFmts><numFmt numFmtId=\"165\" formatCode=\"dd/mm/yyyy\\ hh:mm\"/></numFmts><cellXfs>"
                + numberFormats.map { "<xf numFmtId=\"\($0)\"/>" }.joined() + "</cellXfs></styleSheet>")
        try add("xl/worksheets/sheet1.xml", "<\(prefix)worksheet xmlns\(prefix.isEmpty ? "" : ":" + prefix.dropLast())=\"\(main)\"><\(prefix)sheetData>\(rows)</\(prefix)sheetData></\(prefix)worksheet>")
        return path
    }

    static let header = "<row r=\"1\">" + ["nip", "instrument", "competency", "assessor", "rating", "note"].map { "<c t=\"inlineStr\"><is><t>\($0)</t></is></c>" }.joined() + "</row>"

    static func row(_ number: Int, rating: String, note: String = "", nip value: String = "<c t=\"inlineStr\"><is><t>198503122010011001</t></is></c>") -> String {
        "<row r=\"\(number)\">\(value)<c t=\"s\"><v>0</v></c><c t=\"inlineStr\"><is><t>integritas</t></is></c><c t=\"str\"><f>A1</f><v>asr-1</v></c>\(rating)\(note)</row>"
    }

    /// Rich-text shared strings (without their phonetic guide), inline strings, formula strings, cells
    /// without references, and a number stored with float noise read as the sheet shows it.
    @Test func stringsOfEveryKind() throws {
        let lgd = "<si><r><t>lg</t></r><r><rPr><b/></rPr><t>d</t></r><rPh sb=\"0\" eb=\"1\"><t>ル</t></rPh></si>"
        let path = try Self.workbook(Self.header + Self.row(2, rating: "<c><v>3.5000000000000004</v></c>"), strings: [lgd])
        let outcome = RecordReading.read(path)
        #expect(outcome.findings == [])
        let rating = try #require(outcome.records.first?.rating)
        #expect(RecordReading.library.instrumentOrder[rating.instrument] == "lgd")
        #expect(rating.value == .score(Rational(7, 2)))
        #expect(rating.assessor == "asr-1")
    }

    /// A spreadsheet error value and a boolean where a rating should be; a hidden character written as
    /// an `_xHHHH_` escape; a value right of the header's columns.
    @Test func cellsThatAreRefused() throws {
        let rows = Self.header
            + Self.row(2, rating: "<c t=\"e\"><v>#N/A</v></c>")
            + Self.row(3, rating: "<c t=\"b\"><v>1</v></c>")
            + Self.row(4, rating: "<c><v>3</v></c>", note: "<c t=\"inlineStr\"><is><t>baik_x0007_</t></is></c>")
            + Self.row(5, rating: "<c><v>3</v></c>", note: "<c r=\"H5\" t=\"inlineStr\"><is><t>lebih</t></is></c>")
        let outcome = RecordReading.read(try Self.workbook(rows, strings: ["<si><t>lgd</t></si>"]))
        #expect(outcome.findings == [
            "nilai.xlsx[Nilai]!E2: error: column 'rating' (E): the cell holds the spreadsheet error '#N/A'; correct the formula or type the value",
            "nilai.xlsx[Nilai]!E3: error: column 'rating' (E): rating 'TRUE' is not a number or NE (no evidence)",
            "nilai.xlsx[Nilai]!F4: error: a control character (U+0007) in the text; delete it (it cannot be seen, and Merit does not read text that can hide what it shows)",
        ])
        let beyond = RecordReading.read(try Self.workbook(Self.header + Self.row(5, rating: "<c><v>3</v></c>", note: "<c r=\"H5\" t=\"inlineStr\"><is><t>lebih</t></is></c>"), strings: ["<si><t>lgd</t></si>"]))
        #expect(beyond.findings == [
            "nilai.xlsx[Nilai]!H5: error: a value outside the header's columns (A–F of row 1); give its column a header, or delete it"
        ])
    }

    /// Dates in the 1904 system, and a date with a time of day (refused, not cut to its day).
    @Test func datesAndTheirSystems() throws {
        let header = "<row r=\"1\">" + ["nip", "instrument", "raw_score", "date"].map { "<c t=\"inlineStr\"><is><t>\($0)</t></is></c>" }.joined() + "</row>"
        let day = CalendarDate(year: 2026, month: 3, day: 16)!
        let serial1904 = day.dayNumber - CalendarDate(year: 1904, month: 1, day: 1)!.dayNumber
        func row(_ number: Int, _ serial: String, style: Int) -> String {
            "<row r=\"\(number)\"><c t=\"inlineStr\"><is><t>198503122010011001</t></is></c><c t=\"inlineStr\"><is><t>tes-potensi</t></is></c><c><v>30</v></c><c s=\"\(style)\"><v>\(serial)</v></c></row>"
        }
        let path = try Self.workbook(header + row(2, "\(serial1904)", style: 1) + row(3, "\(serial1904).3541666", style: 2), numberFormats: [0, 14, 165], date1904: true)
        let outcome = RecordReading.read(path)
        #expect(outcome.findings == ["nilai.xlsx[Nilai]!D3: error: column 'date' (D): '2026-03-16 08:30' is not a date (write YYYY-MM-DD)"])
        guard case .test(let test)? = outcome.records.first else {
            Issue.record("no test score read")
            return
        }
        #expect(test.date == day)
    }

    /// Rows out of order, and a shared string the workbook does not have: the sheet is damaged.
    @Test func damagedSheets() throws {
        let disorder = RecordReading.read(try Self.workbook(Self.header + Self.row(3, rating: "<c><v>3</v></c>") + Self.row(2, rating: "<c><v>3</v></c>"), strings: ["<si><t>lgd</t></si>"]))
        #expect(disorder.findings.first?.hasSuffix("error: sheet nilai.xlsx[Nilai] is damaged (row 2 comes after row 3); open the workbook in the spreadsheet program and save it again") == true)
        let missing = RecordReading.read(try Self.workbook(Self.header + Self.row(2, rating: "<c><v>3</v></c>"), strings: []))
        #expect(missing.findings.first?.hasSuffix("error: sheet nilai.xlsx[Nilai] is damaged (cell B2 names shared string 0, which the workbook does not have); open the workbook in the spreadsheet program and save it again") == true)
    }

    /// Some writers prefix the main namespace (`<x:row>`): names are matched by their local part.
    @Test func namespacePrefixes() throws {
        let rows = (Self.header + Self.row(2, rating: "<c><v>4</v></c>")).replacingOccurrences(of: "<", with: "<x:").replacingOccurrences(of: "<x:/", with: "</x:")
        let outcome = RecordReading.read(try Self.workbook(rows, strings: ["<x:si><x:t>lgd</x:t></x:si>"], prefix: "x:"))
        #expect(outcome.findings == [])
        #expect(outcome.records.first?.rating?.value == .score(Rational(4)))
    }
}
