import Foundation
import MeritCore
import MeritIO
import Testing

@Suite struct ImporterTests {
    static let ratingsHeader = "nip,instrument,competency,assessor,rating\n"

    @Test func goodRatingsAreStored() throws {
        let fixture = try ImportFixture()
        let path = try fixture.write("ratings.csv", Self.ratingsHeader + "\(nip(1)),lgd,integritas,asr-1,3.5\n\(nip(1)),lgd,M.01,asr-2,NE\n")
        let result = try fixture.run([path])
        #expect(result.committed)
        #expect(result.files[0].kind == .ratings)
        #expect(result.files[0].inserted == 2)
    }

    /// Every importer error, located at its field.
    @Test(arguments: [
        ("\(nip(1)),lgdd,integritas,asr-1,3", "ratings.csv:2:20: error: column 'instrument' (B): unknown instrument 'lgdd'; did you mean 'lgd'?"),
        ("\(nip(1)),lgd,kepemimpinan,asr-1,3", "ratings.csv:2:24: error: column 'competency' (C): unknown competency 'kepemimpinan' (give its id, code or name)"),
        ("\(nip(1)),lgd,integritas,asr-1,5.5", "ratings.csv:2:41: error: column 'rating' (E): rating 5.5 is off the scale 1–5 of 'lgd'"),
        ("\(nip(1)),lgd,integritas,asr-1,3.25", "ratings.csv:2:41: error: column 'rating' (E): rating 3.25 is not a step of 0.5 on the scale of 'lgd'"),
        ("\(nip(1)),lgd,integritas,asr-1,tiga", "ratings.csv:2:41: error: column 'rating' (E): rating 'tiga' is not a number or NE (no evidence)"),
        ("\(nip(1)),lgd,integritas,,3", "ratings.csv:2:35: error: column 'assessor' (D): empty required field 'assessor'"),
        ("\(nip(1)),tes-potensi,pengambilan-keputusan,asr-1,3", "ratings.csv:2:20: error: column 'instrument' (B): instrument 'tes-potensi' is a test; its raw scores go in a tests file"),
        ("\(nip(1)),presentasi,integritas,asr-1,3", "ratings.csv:2:31: error: column 'competency' (C): instrument 'presentasi' measures 'integritas' in no battery of the library"),
        ("19850312201001101,lgd,integritas,asr-1,3", "ratings.csv:2:1: error: column 'nip' (A): NIP '19850312201001101' is not 18 digits (17 characters)"),
        ("198502302010011001,lgd,integritas,asr-1,3", "ratings.csv:2:1: error: column 'nip' (A): NIP '198502302010011001' starts with an impossible birth date 19850230 (yyyymmdd)"),
        ("198503122010131001,lgd,integritas,asr-1,3", "ratings.csv:2:1: error: column 'nip' (A): NIP '198503122010131001' has an impossible appointment month 201013 (yyyymm, at least 14 years after birth)"),
        ("198503122010013001,lgd,integritas,asr-1,3", "ratings.csv:2:1: error: column 'nip' (A): NIP '198503122010013001' has sex digit 3 (15th digit); expected 1 (male) or 2 (female)"),
    ])
    func ratingErrors(row: String, expected: String) throws {
        let fixture = try ImportFixture()
        let path = try fixture.write("ratings.csv", Self.ratingsHeader + row + "\n")
        let result = try fixture.run([path])
        #expect(!result.committed)
        #expect(fixture.findings(result) == [expected])
    }

    @Test func duplicateRowAndSameAssessorTwice() throws {
        let fixture = try ImportFixture()
        let path = try fixture.write(
            "ratings.csv",
            Self.ratingsHeader + "\(nip(1)),lgd,integritas,asr-1,3\n\(nip(1)),lgd,integritas,asr-1,3\n\(nip(1)),lgd,integritas,asr-1,4\n")
        let result = try fixture.run([path])
        #expect(fixture.findings(result) == [
            "ratings.csv:3:1: error: duplicate row: the same rating is at line 2 of this file",
            "ratings.csv:4:1: error: assessor 'asr-1' rated 'integritas' in 'lgd' for \(nip(1)) twice in batch 'uji': 3 at line 2 of this file, 4 here",
        ])
    }

    /// Two profiles of one person in one import: the second is refused, in the same file or the next.
    @Test func secondProfileInOneImport() throws {
        let fixture = try ImportFixture()
        let header = "nip,name,unit,position,job_level\n"
        let row = "\(nip(1)),Ana,BKPSDM,kabid-mutasi-promosi,administrator\n"
        let twice = try fixture.write("profiles.csv", header + row + "\(nip(2)),Budi,BKPSDM,kabid-mutasi-promosi,administrator\n" + row)
        #expect(fixture.findings(try fixture.run([twice])) == ["profiles.csv:4:1: error: a second profile for \(nip(1)): the first is at line 2 of this file"])
        let again = try fixture.write("again.csv", header + row.replacingOccurrences(of: "Ana", with: "Ani"))
        let first = try fixture.write("first.csv", header + row)
        let refused = try fixture.run([first, again])
        #expect(fixture.findings(refused) == ["again.csv:2:1: error: a second profile for \(nip(1)): the first is at first.csv:2 of this import"])
        #expect(try fixture.store.contentDump().filter { $0.hasPrefix("profiles") }.isEmpty)
    }

    @Test func testAndLevelAndProfileErrors() throws {
        let fixture = try ImportFixture()
        let tests = try fixture.write("tests.csv", "nip,instrument,raw_score\n\(nip(1)),tes-potensi,75\n\(nip(2)),lgd,10\n")
        let levels = try fixture.write("levels.csv", "nip,competency,level\n\(nip(1)),integritas,3.25\n\(nip(1)),komunikasi,6\n")
        let profiles = try fixture.write(
            "profiles.csv",
            "nip,name,unit,position,job_level,education,rank,performance,experience_years\n"
                + "\(nip(1)),Ana,BKPSDM,kabid-mutasi,administrator,S5,III/e,Cukup,x\n")
        let result = try fixture.run([tests, levels, profiles])
        #expect(fixture.findings(result) == [
            "tests.csv:2:32: error: column 'raw_score' (C): raw score 75 is off the scale 0–60 of 'tes-potensi'",
            "tests.csv:3:20: error: column 'instrument' (B): instrument 'lgd' is an exercise; its ratings go in a ratings file",
            "levels.csv:2:31: error: column 'level' (C): level 3.25 is not a whole or half level",
            "levels.csv:3:31: error: column 'level' (C): level 6 is outside the scale 1–5",
            "profiles.csv:2:31: error: column 'position' (D): unknown position 'kabid-mutasi' (give its id or title)",
            "profiles.csv:2:58: error: column 'education' (F): unknown education level 'S5'; expected one of SD, SMP, SMA/SMK, D1, D2, D3, D4, S1, S2, S3",
            "profiles.csv:2:61: error: column 'rank' (G): unknown golongan/ruang 'III/e'; expected I/a … IV/e",
            "profiles.csv:2:67: error: column 'performance' (H): unknown SKP predikat 'Cukup'; expected Baik, Butuh Perbaikan, Kurang, Sangat Baik, Sangat Kurang or a score",
            "profiles.csv:2:73: error: column 'experience_years' (I): experience_years 'x' is not a whole number of years (0–60)",
        ])
        #expect(!result.committed)
    }

    @Test func missingColumnAndUnknownKind() throws {
        let fixture = try ImportFixture()
        let missing = try fixture.write("ratings.csv", "nip,instrument,competency,assessor\n")
        let unknown = try fixture.write("misc.csv", "a,b\n1,2\n")
        let forced = try fixture.run([missing], options: ImportOptions(kind: .ratings))
        #expect(fixture.findings(forced) == [
            "ratings.csv:1:1: error: missing required column 'rating' for ratings (the header has: nip, instrument, competency, assessor)"
        ])
        let result = try fixture.run([unknown])
        #expect(fixture.findings(result).first?.hasPrefix("misc.csv:1:1: error: cannot tell the kind of records from the header (a, b)") == true)
    }

    @Test func everyProblemOfAFileInOneRun() throws {
        let fixture = try ImportFixture()
        var text = Self.ratingsHeader
        for index in 0..<50 { text += "\(nip(1)),lgd,integritas,asr-\(index),\(index % 10 == 0 ? "9" : "3")\n" }
        let result = try fixture.run([try fixture.write("ratings.csv", text)])
        let errors = result.findings.filter { $0.severity == .error }
        #expect(errors.count == 5)
        #expect(errors.map(\.location.line) == [2, 12, 22, 32, 42])
    }

    /// A file with an error on its last line imports nothing: the store's content is exactly as before.
    @Test func failedImportLeavesTheStoreUnchanged() throws {
        let fixture = try ImportFixture()
        let first = try fixture.write("first.csv", Self.ratingsHeader + "\(nip(1)),lgd,integritas,asr-1,3\n")
        #expect(try fixture.run([first]).committed)
        let before = try fixture.store.contentDump()
        var text = Self.ratingsHeader
        for index in 0..<500 { text += "\(nip(2)),lgd,integritas,asr-\(index),3\n" }
        text += "\(nip(2)),lgd,integritas,asr-x,7\n"
        let profiles = try fixture.write("profiles.csv", "nip,name,unit,position,job_level\n\(nip(2)),Budi,Bidang,kabid-mutasi-promosi,administrator\n")
        let result = try fixture.run([profiles, try fixture.write("second.csv", text)])
        #expect(!result.committed)
        #expect(result.files[1].rows == 501)
        #expect(try fixture.store.contentDump() == before)
    }

    @Test func identicalReimportIsANoOp() throws {
        let fixture = try ImportFixture()
        let path = try fixture.write("ratings.csv", Self.ratingsHeader + "\(nip(1)),lgd,integritas,asr-1,3\n")
        #expect(try fixture.run([path]).files[0].inserted == 1)
        let before = try fixture.store.contentDump()
        let again = try fixture.run([path])
        #expect(again.committed)
        #expect(again.files[0].alreadyImported != nil)
        #expect(try fixture.store.contentDump() == before)
    }

    @Test func conflictingRowIsAnErrorUnlessReplaced() throws {
        let fixture = try ImportFixture()
        #expect(try fixture.run([try fixture.write("a.csv", Self.ratingsHeader + "\(nip(1)),lgd,integritas,asr-1,3\n\(nip(1)),lgd,integritas,asr-2,4\n")]).committed)
        let changed = try fixture.write("b.csv", Self.ratingsHeader + "\(nip(1)),lgd,integritas,asr-1,3.5\n\(nip(1)),lgd,integritas,asr-2,4\n")
        let refused = try fixture.run([changed])
        #expect(!refused.committed)
        #expect(fixture.findings(refused) == [
            "b.csv:2:1: error: assessor 'asr-1' rated 'integritas' in 'lgd' for \(nip(1)) in batch 'uji' conflicts with the stored rating 3 (stored from an earlier import, line 2); use --replace to replace it"
        ])
        let replaced = try fixture.run([changed], options: ImportOptions(batch: "uji", replace: true))
        #expect(replaced.committed)
        #expect(replaced.files[0].replaced == 1 && replaced.files[0].unchanged == 1)
        let dump = try fixture.store.contentDump()
        #expect(dump.contains { $0.hasPrefix("replacements:") && $0.contains("old_value:\"3\"") && $0.contains("new_value:\"3.5\"") })
    }

    @Test func spreadsheetExportImportsAsIs() throws {
        let fixture = try ImportFixture()
        let text = "NIP;Instrument;Competency;Assessor;Rating\r\n\(nip(1));lgd;Integritas;asr-1;3,5\r\n\(nip(1));\"lgd\";M.02;asr-1;4\r\n"
        let result = try fixture.run([try fixture.write("excel.csv", [0xEF, 0xBB, 0xBF] + Array(text.utf8))])
        #expect(fixture.findings(result) == [])
        #expect(result.files[0].inserted == 2)
    }

    @Test func yamlAndJSONRecords() throws {
        let fixture = try ImportFixture()
        let yaml = try fixture.write(
            "tests.yaml", "kind: tests\nrecords:\n  - {nip: \"\(nip(1))\", instrument: tes-potensi, raw_score: 41}\n  - {nip: \"\(nip(2))\", instrument: tes-potensi, raw-score: 99}\n")
        let json = try fixture.write(
            "levels.json", "{\"kind\": \"levels\", \"records\": [{\"nip\": \"\(nip(1))\", \"competency\": \"M.03\", \"level\": 4, \"note\": \"rapat\"}]}")
        let result = try fixture.run([yaml, json])
        #expect(fixture.findings(result) == ["tests.yaml:4:69: error: raw score 99 is off the scale 0–60 of 'tes-potensi'"])
        let good = try fixture.run([json])
        #expect(good.committed && good.files[0].inserted == 1)
    }

    @Test func libraryFileGivenAsRecordsIsRecognised() throws {
        let fixture = try ImportFixture()
        let path = try fixture.write("scoring.yaml", "kind: scoring\nid: x\n")
        #expect(fixture.findings(try fixture.run([path])) == [
            "scoring.yaml:1:7: error: 'scoring' is not a kind of input records (profiles, ratings, tests, levels); this is a library file: put it under Instruments/"
        ])
    }
}
