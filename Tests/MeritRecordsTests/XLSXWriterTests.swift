import Foundation
import MeritCore
import Testing
import ZIPFoundation

@testable import MeritRecords

/// The workbooks Merit writes are read back by its own reader and by ZIPFoundation (an independent ZIP
/// reader, which checks every entry's CRC).
struct XLSXWriterTests {
    let rows: [[CSVWriter.Cell]] = [
        [.text("Bidang Mutasi & Promosi <1>"), .number("12"), .number("-0.17"), .number("0.065"), .text("")],
        [.text(" spasi "), .number(""), .number("x"), .text("=1+1"), .text("Ratna")],
    ]

    @Test func itsOwnReaderReadsItBack() throws {
        let bytes = try XLSXWriter.workbook(sheet: "Kebutuhan", header: ["unit", "n", "gap", "rasio", "nama"], rows: rows)
        let workbook = try Workbook(path: "hasil.xlsx", bytes: bytes)
        #expect(workbook.format == .xlsx)
        #expect(workbook.sheets.map(\.name) == ["Kebutuhan"])
        // Each cell as "column:kind=text", row by row.
        var read: [[String]] = []
        let parser = workbook.parser(for: workbook.sheets[0], label: "Kebutuhan", maxFieldBytes: 4096)
        try workbook.stream(workbook.sheets[0].part) { bytes, final in
            try parser.parse(bytes, final: final) { cells in
                read.append(
                    (0..<cells.count).map { index in
                        "\(cells.columns[index]):\(cells.kinds[index])=" + String(decoding: cells.text[cells.ranges[index]], as: UTF8.self)
                    })
            }
        }
        #expect(read == [
            ["1:text=unit", "2:text=n", "3:text=gap", "4:text=rasio", "5:text=nama"],
            ["1:text=Bidang Mutasi & Promosi <1>", "2:number=12", "3:number=-0.17", "4:number=0.065"],
            // An empty number is no cell; a number cell that is not a number is text; a formula-looking text is text.
            ["1:text= spasi ", "3:text=x", "4:text==1+1", "5:text=Ratna"],
        ])
    }

    @Test func zipFoundationReadsEveryEntry() throws {
        let bytes = try XLSXWriter.workbook(sheet: "Kebutuhan", header: ["unit", "n", "gap", "rasio", "nama"], rows: rows)
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        var names: [String] = []
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            #expect(!data.isEmpty)
            names.append(entry.path)
        }
        #expect(names == ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml"])
    }

    @Test func decimalsAndSheetNames() {
        #expect(XLSXWriter.decimals("12") == 0)
        #expect(XLSXWriter.decimals("-0.17") == 2)
        #expect(XLSXWriter.decimals("1.") == nil)
        #expect(XLSXWriter.decimals("<5") == nil)
        #expect(XLSXWriter.decimals("1e5") == nil)
        #expect(XLSXWriter.sheetName("Peta Talenta (Kotak Sembilan): 2026/11") == "Peta Talenta (Kotak Sembilan) 2")
        #expect(XLSXWriter.sheetName("[]") == "Sheet1")
    }
}
