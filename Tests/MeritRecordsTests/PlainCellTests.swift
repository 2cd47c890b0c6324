import Foundation
import Testing

@_spi(Fuzzing) @testable import MeritRecords

/// The xlsx reader's one-step path for plain cells (`<c r="B2" t="s"><v>17</v></c>`) must read every
/// sheet exactly as the element-by-element path does: same rows, cells, kinds and text, same refusals.
@Suite struct PlainCellTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Rows as text (`row: column/kind=text …`), then the refusal if any.
    static func read(_ xml: [UInt8], chunk: Int, fast: Bool, dateStyles: [Bool] = [false, true]) -> String {
        let parser = XLSXSheetParser(
            label: "s.xlsx[S]", strings: SharedStrings(), dateStyles: dateStyles, percentStyles: [], date1904: false, maxFieldBytes: 64)
        parser.fastCells = fast
        var out = ""
        var pending: [UInt8] = []
        func row(_ cells: SheetCells) {
            out += "\(cells.row):"
            for index in 0..<cells.count {
                out += " \(cells.columns[index])/\(cells.kinds[index])=\(String(decoding: cells.text[cells.ranges[index]], as: UTF8.self))"
            }
            out += "\n"
        }
        do {
            var offset = 0
            while offset < xml.count {
                pending += xml[offset..<min(xml.count, offset + chunk)]
                offset += chunk
                let used = try pending.withUnsafeBufferPointer { try parser.parse($0, final: false, row: row) }
                pending.removeFirst(used)
            }
            _ = try pending.withUnsafeBufferPointer { try parser.parse($0, final: true, row: row) }
        } catch {
            out += "refused: \(error)"
        }
        return out
    }

    static func sheet(_ rows: String) -> [UInt8] {
        Array("<?xml version=\"1.0\"?><worksheet xmlns=\"x\"><sheetData>\(rows)</sheetData></worksheet>".utf8)
    }

    /// Plain cells beside every form the one-step path leaves to the events, cut into every chunk size.
    @Test(arguments: [
        #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>46097</v></c><c r="C1"><v>3.5</v></c></row>"#,
        #"<row r="2"><c r="A2" t="inlineStr"><is><t>Ana &amp; Budi</t></is></c><c r="B2"><f>1+1</f><v>2</v></c></row>"#,
        #"<row r="3"><c r='A3'><v>1</v></c><c r="B3" t="str"><v>a_x000D_b</v></c><c r="C3"><v>1&#46;5</v></c></row>"#,
        #"<row r="4"><c r="A4"/><c r="B4" t="b"><v>1</v></c><c r="C4" t="e"><v>#N/A</v></c><c r = "D4"><v>7</v></c></row>"#,
        #"<row r="5"><c r="B5"><v>1</v></c><c r="A5"><v>2</v></c></row>"#,
        #"<row r="6"><c r="A6"><v>not a number</v></c></row>"#,
        #"<row r="7"><c r="A7"><v>1</v></c><c r="B7"><v>2</v></row><row r="8"><c r="A8"><v>3</v></c></row>"#,
        #"<row r="9"><c r="A9" t="inlineStr"><v>\#(String(repeating: "x", count: 200))</v></c></row>"#,
        #"<row r="10"><x:c r="A10"><v>1</v></x:c><c r="B10" x:t="s"><v>0</v></c><c  r="C10"  ><v> 4 </v></c></row>"#,
        // Found by the kept xlsx corpus: attributes without spaces between them, and quotes out of pairs.
        #"<row r="11"><c r="A11" s="1"t="n"><v>46097</v></c><c r="B11 s="1"t="s"><v>0</v></c></row><row r="12"><c r="A12"><v>2</v></c></row>"#,
        // Rows: Calc's attributes, a row without `r`, a prefixed or doubled `r`, `:r`, self-closing rows,
        // a row out of order, single quotes, a quote outside a value.
        #"<row r="13" customFormat="false" ht="12.8" hidden="false"><c r="A13"><v>1</v></c></row><row spans="1:2"><c><v>2</v></c></row>"#,
        #"<row x:r="20" r="30"><c r="A20"><v>1</v></c></row><row :r="31"><c r="A31"><v>1</v></c></row><row r="32"/><row r="33" /><row r="34"><c r="A34"><v>1</v></c></row>"#,
        #"<row r="5"><c r="A5"><v>1</v></c></row><row r="4"><c r="A4"><v>1</v></c></row>"#,
        #"<row r='40'><c r="A40"><v>1</v></c></row><row r="41" "x"><c r="A41"><v>1</v></c></row><row r="42"ht="1"><c r="A42"><v>1</v></c></row>"#,
        #"<row r="1048577"><c r="A1"><v>1</v></c></row>"#,
    ])
    func bothWaysReadAlike(rows: String) {
        let xml = Self.sheet(rows)
        let expected = Self.read(xml, chunk: xml.count, fast: false)
        for chunk in [1, 2, 3, 5, 7, 11, 64, xml.count] {
            #expect(Self.read(xml, chunk: chunk, fast: true) == expected, "chunk \(chunk)")
        }
    }

    /// Every workbook the tests and the fuzzer keep: each sheet read both ways gives the same rows.
    @Test func everyKeptWorkbookReadsAlike() throws {
        let folders = [
            "Tests/MeritRecordsTests/Fixtures/workbooks", "Tests/MeritRecordsTests/Fixtures/fuzz",
            "Tests/MeritEndToEndTests/Fixtures/examples-xlsx", "Tests/Fuzz/Corpus/xlsx", "Tests/Fuzz/Seeds/xlsx",
        ]
        var sheets = 0
        for folder in folders {
            let url = Self.root.appendingPathComponent(folder)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [] {
                let path = url.appendingPathComponent(name).path
                guard let workbook = try? Workbook(path: path), workbook.format == .xlsx else { continue }
                for sheet in workbook.sheets {
                    #expect(
                        SheetReadingCheck.read(sheet, in: workbook, fast: true) == SheetReadingCheck.read(sheet, in: workbook, fast: false),
                        "\(folder)/\(name) [\(sheet.name)]")
                    sheets += 1
                }
            }
        }
        #expect(sheets > 100)
    }
}
