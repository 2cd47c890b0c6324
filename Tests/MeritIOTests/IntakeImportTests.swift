import Foundation
import MeritCore
import MeritIO
import Testing

/// Imports that would change results unseen are refused and store nothing (issue 10).
@Suite struct IntakeImportTests {
    static let examples = ["profiles", "ratings", "tests", "levels"].map { ImportFixture.instruments + "/examples/\($0).csv" }
    static let workbooks = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("MeritRecordsTests/Fixtures/workbooks").path
    static let person = "199810042024042001"

    /// A store holding the example cohort (batch `asesmen-2026`, 16 March 2026).
    static func withExamples() throws -> ImportFixture {
        let fixture = try ImportFixture()
        let result = try fixture.run(examples, options: ImportOptions(batch: "asesmen-2026"))
        #expect(result.committed, "\(fixture.findings(result))")
        return fixture
    }

    /// Each refused file leaves the store exactly as it was.
    @Test(arguments: [
        ("bacth.csv", "nip,instrument,competency,assessor,rating,bacth\n\(person),lgd,integritas,asr-1,3,ulang\n"),
        ("nip.csv", "nip;instrument;competency;assessor;rating\n1,97009261997021E+017;lgd;integritas;asr-1;3\n"),
        ("hidden.csv", "nip,instrument,competency,assessor,rating\n\(person),lgd,integritas,asr\u{202E}1,3\n"),
        ("step.csv", "nip,instrument,raw_score,batch\n\(person),tes-potensi,27.5,ulang\n"),
        ("one.csv", "nip,instrument,competency,assessor,rating,batch,date\n\(person),lgd,integritas,asr-1,3,ulang,2027-01-05\n"),
        ("bad.json", "{\"kind\": \"ratings\", \"records\": [],}"),
        ("book.xlsx", "nip,instrument\n"),
    ])
    func refusalsStoreNothing(name: String, text: String) throws {
        let fixture = try Self.withExamples()
        let before = try fixture.store.contentDump()
        let result = try fixture.run([try fixture.write(name, text)])
        #expect(!result.committed)
        #expect(result.findings.errorCount >= 1)
        #expect(try fixture.store.contentDump() == before)
    }

    /// A batch holding one rating would replace a whole assessment: refused, with the way to say it is
    /// meant. Rows added to the batch already there amend it; a full new batch replaces it.
    @Test func partialBatches() throws {
        let fixture = try Self.withExamples()
        let one = try fixture.write("one.csv", "nip,instrument,competency,assessor,rating,batch,date\n\(Self.person),lgd,integritas,asr-1,3,ulang,2027-01-05\n")
        let refused = try fixture.run([one])
        #expect(fixture.findings(refused) == [
            "one.csv:2:1: error: batch 'ulang' would replace the assessment of \(Self.person) in batch 'asesmen-2026' (14 competencies, 7 instruments) with one of 1 competency and 1 instrument, without administrasi-perkantoran, kerja-sama, komunikasi, manajemen-kinerja-asn and 15 more. If this batch re-assesses part of the assessment on purpose, give --partial-batch; to replace the whole assessment by it, --replace; otherwise put the rows in batch 'asesmen-2026'"
        ])
        #expect(try fixture.run([one], options: ImportOptions(batch: "uji", partialBatch: true)).committed)

        let other = try Self.withExamples()
        let amend = try other.write("amend.csv", "nip,instrument,competency,assessor,rating,batch\n\(Self.person),lgd,integritas,asr-9,3,asesmen-2026\n")
        let amended = try other.run([amend])
        #expect(amended.committed, "\(other.findings(amended))")
        // An undated batch does not come after a dated one: it replaces nothing.
        let undated = try other.write("undated.csv", "nip,instrument,competency,assessor,rating,batch\n\(Self.person),lgd,integritas,asr-1,3,lama\n")
        #expect(try other.run([undated]).committed)
        let replaced = try other.run([one], options: ImportOptions(batch: "uji", replace: true))
        #expect(replaced.committed)
    }

    /// A header and no rows: nothing imported, no import recorded.
    @Test func headerOnlyFile() throws {
        let fixture = try ImportFixture()
        let result = try fixture.run([try fixture.write("ratings.csv", "nip,instrument,competency,assessor,rating\n")])
        #expect(result.committed && result.files[0].isEmpty && result.files[0].rows == 0)
        #expect(try fixture.store.contentDump().filter { $0.hasPrefix("imports") }.isEmpty)
    }

    /// The same mistake on every row: the first five, then a count of the rest.
    @Test func repeatedFindingsAreSummarised() throws {
        let fixture = try ImportFixture()
        var text = "nip,instrument,competency,assessor,rating\n"
        for index in 0..<100 { text += "\(nip(index % 9 + 1)),lgdd,integritas,asr-\(index),3\n" }
        let result = try fixture.run([try fixture.write("ratings.csv", text)])
        let findings = fixture.findings(result)
        #expect(findings.count == 6)
        #expect(result.files[0].errors == 100)
        #expect(findings.prefix(5).allSatisfy { $0.hasSuffix("error: column 'instrument' (B): unknown instrument 'lgdd'; did you mean 'lgd'?") })
        #expect(findings.last == "ratings.csv: note: 95 more like line 2: column 'instrument' (B): unknown instrument 'lgdd'; did you mean 'lgd'?")
    }

    /// A workbook's sheet imports like a CSV; importing it again is a no-op; a sheet's store findings are at its rows.
    @Test func workbookSheetsImport() throws {
        let fixture = try ImportFixture()
        let book = Self.workbooks + "/nilai.xlsx"
        let options = ImportOptions(batch: "uji", sheets: ["Nilai"])
        let first = try fixture.run([book], options: options)
        #expect(first.committed && first.files.map(\.path) == [book + "[Nilai]"] && first.files[0].inserted == 3)
        let again = try fixture.run([book], options: options)
        #expect(again.files[0].alreadyImported != nil)
        let other = try ImportFixture()
        let earlier = try other.write("awal.csv", "nip,instrument,competency,assessor,rating,date\n198503122010011001,lgd,integritas,asesor-01,4,2026-03-16\n")
        #expect(try other.run([earlier]).committed)
        let conflict = try other.run([book], options: options)
        #expect(other.findings(conflict).filter { !$0.contains(": note: ") } == [
            "\(book)[Nilai]!4: error: assessor 'asesor-01' rated 'integritas' in 'lgd' for 198503122010011001 in batch 'uji' conflicts with the stored rating 4 (stored from an earlier import, line 2); use --replace to replace it"
        ])
    }
}
