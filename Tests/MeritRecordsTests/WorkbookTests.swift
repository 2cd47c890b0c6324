import Foundation
import MeritCore
import MeritRecords
import Testing

/// Workbooks saved by LibreOffice Calc (see scripts/make-fixture-workbooks): each gives its documented outcome.
@Suite struct WorkbookTests {
    static func path(_ name: String) -> String { RecordReading.workbooks + "/" + name }

    /// Two sheets (instructions, then ratings below a title row and a blank row): the instructions sheet
    /// holds no records, so it is an error to leave it unread; `--sheet Nilai` reads the ratings, says the
    /// title row was not read, and reads date cells as dates. The same for the .ods the same sheets make.
    @Test(arguments: ["nilai.xlsx", "nilai.ods"])
    func twoSheetsTitleRowAndDates(name: String) throws {
        let unchosen = RecordReading.read(Self.path(name))
        #expect(unchosen.findings == [
            "\(name)[Petunjuk]: error: no header row Merit knows in the first 2 rows with content (row 1 'Petunjuk pengisian', row 2 'Isi satu baris per penilaian; NIP sebagai teks.'); to import only the other sheets, name them with --sheet"
        ])
        let chosen = RecordReading.read(Self.path(name), options: RecordOptions(sheets: ["Nilai"]))
        #expect(chosen.sources == ["\(name)[Nilai]"])
        #expect(chosen.findings == [
            "\(name)[Nilai]!3: note: the header is row 3; the rows above it are not records and are not read (row 1 'Rekap Penilaian Kompetensi Manajerial 2026')"
        ])
        let ratings = chosen.records.compactMap(\.rating)
        #expect(ratings.map(\.nip) == ["198503122010011001", "199010072013032001", "197009261997021001"])
        #expect(ratings.map(\.value) == [.score(Rational(7, 2)), .score(Rational(4)), .score(Rational(9, 2))])
        #expect(ratings.map(\.date) == Array(repeating: CalendarDate(year: 2026, month: 3, day: 16), count: 3))
        #expect(ratings.map(\.line) == [4, 5, 6])
        let missing = RecordReading.read(Self.path(name), options: RecordOptions(sheets: ["Penilaian"]))
        #expect(missing.findings == ["\(name): error: no sheet named 'Penilaian' in this workbook; its sheets are 'Petunjuk', 'Nilai'"])
    }

    /// A NIP column typed as numbers: one finding for the file, at the first cell, saying what happened
    /// and what to do; no rating is read.
    @Test func numericNIPColumnIsRefusedOnce() {
        let outcome = RecordReading.read(Self.path("nip-angka.xlsx"))
        #expect(outcome.records.isEmpty)
        #expect(outcome.findings == [
            "nip-angka.xlsx[Nilai]!A2: error: 3 NIPs in this file are numbers in the spreadsheet, not text (the first: '198503122010011000'): a NIP has 18 digits, more than a spreadsheet number keeps (15), so its last digits are lost. Format the NIP column as Text before typing or pasting the NIPs (or copy them from the source as text), then save the file again"
        ])
    }

    /// A wide sheet headed `Integritas (M.01)`, `M.02 - Kerja Sama`, `M03`, `M 4`, `m.5 Pelayanan Publik`.
    @Test func wideSheetHeadersAsAssessorsWriteThem() {
        let outcome = RecordReading.read(Self.path("wide.xlsx"))
        #expect(outcome.findings == [])
        let ratings = outcome.records.compactMap(\.rating)
        #expect(ratings.count == 15)
        let competencies = ratings.prefix(5).map { RecordReading.library.competencyOrder[$0.competency] }
        #expect(competencies == ["integritas", "kerja-sama", "komunikasi", "orientasi-pada-hasil", "pelayanan-publik"])
        #expect(ratings.prefix(5).map(\.value) == [.score(Rational(3)), .score(Rational(7, 2)), .score(Rational(4)), .noEvidence, .score(Rational(5, 2))])
    }

    /// A provider's recap with the JPM as a percentage cell: read as the 78.57 % the sheet shows.
    @Test func percentCellIsReadAsShown() {
        let outcome = RecordReading.read(Self.path("rekap.xlsx"))
        #expect(outcome.findings == [])
        let claims = outcome.records.compactMap { record -> ProviderClaim? in
            if case .claim(let claim) = record { return claim }
            return nil
        }
        #expect(claims.map(\.jpmText) == ["78.57"])
        #expect(claims.map(\.category) == ["MMS"])
    }

    /// A note holding a right-to-left override: refused at its cell.
    @Test func hiddenCharacterInACell() {
        let outcome = RecordReading.read(Self.path("tersembunyi.xlsx"))
        #expect(outcome.records.isEmpty)
        #expect(outcome.findings == [
            "tersembunyi.xlsx[Nilai]!F2: error: a bidirectional override (U+202E) in the text; delete it (it can reorder what a terminal or a report shows)"
        ])
    }

    /// What the file is comes from its content: a workbook named .csv is read as a workbook; a CSV named
    /// .xlsx and an Excel 97–2003 file are refused with what they are.
    @Test func contentDecidesTheFormat() throws {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: Self.path("rekap.xlsx"))))
        let renamed = try RecordReading.write("rekap.csv", bytes)
        #expect(RecordReading.read(renamed).sources == ["rekap.csv[Rekap]"])
        let fake = try RecordReading.write("nilai.xlsx", "nip,instrument\n")
        #expect(RecordReading.read(fake).findings == [
            "nilai.xlsx: error: the file is named as a workbook but is not one (it is not a ZIP archive); open it in the spreadsheet program and save it as .xlsx"
        ])
        let legacy = try RecordReading.write("nilai.xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0])
        #expect(RecordReading.read(legacy).findings == [
            "nilai.xls: error: this is an Excel 97–2003 workbook (.xls), which Merit does not read; save it as an Excel Workbook (.xlsx) or as CSV UTF-8"
        ])
        let zip = try RecordReading.write("arsip.xlsx", [0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0, count: 40))
        #expect(RecordReading.read(zip).findings.first?.hasPrefix("arsip.xlsx: error: the file is not a readable ZIP archive") == true)
    }

    /// Inputs the fuzz targets found, kept: each must end in its finding, read from a file or from memory.
    /// (The first trapped ZIPFoundation's memory-backed archive, the second made its inflate loop spin.)
    @Test(arguments: [
        ("xlsx-zipfoundation-memory-offset.xlsx", "the file is not a readable ZIP archive (its central directory lies past the end of the file); open it in the spreadsheet program and save it again as .xlsx"),
        ("ods-truncated-deflate.ods", "the part 'content.xml' is damaged ('content.xml' ends in the middle of its compressed data); open the workbook in the spreadsheet program and save it again"),
    ])
    func fuzzFindings(name: String, message: String) throws {
        let path = RecordReading.fixtures.appendingPathComponent("fuzz/\(name)").path
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        do {
            _ = try RecordFile.open(named: name, bytes: bytes, library: RecordReading.library)
            Issue.record("read as records")
        } catch {
            #expect(error.findings.map(\.description) == ["\(name): error: \(message)"])
        }
        #expect(RecordReading.read(path).findings == ["\(name): error: \(message)"])
    }

    /// A cell left open across the end of its row put its column into the next row, out of order, and
    /// trapped the header search (found by the `xlsx` and `sheet` fuzz targets).
    @Test(arguments: [
        ("xlsx-cell-across-rows.xlsx", "xlsx-cell-across-rows.xlsx[profiles]: error: sheet xlsx-cell-across-rows.xlsx[profiles] is damaged (cell N9 names shared string >10, which the workbook does not have); open the workbook in the spreadsheet program and save it again"),
        ("sheet-cell-across-rows.xlsx", "sheet-cell-across-rows.xlsx[S]: error: no header row Merit knows in its only row with content (row 2 'wawancara | asesor-01 | 1 | 3.5 | 4 | NE | 2.5'); to import only the other sheets, name them with --sheet"),
    ])
    func cellsAcrossRows(name: String, finding: String) {
        let path = RecordReading.fixtures.appendingPathComponent("fuzz/\(name)").path
        #expect(RecordReading.read(path).findings == [finding])
    }
}
