import Foundation
import GRDB
import MeritCore
@testable import MeritIO
import Testing

/// Assessors' wide sheets (a column per competency) and a provider's JPM / category on levels.
@Suite struct WideSheetTests {
    @Test func wideRatingsBecomeOneRatingPerFilledCell() throws {
        let fixture = try ImportFixture()
        let path = try fixture.write(
            "wide.csv",
            "nip,instrument,assessor,Integritas,M.02,komunikasi,nama\n"
                + "\(nip(1)),lgd,asr-1,3,\"3,5\",,Ana\n\(nip(1)),wawancara,asr-1,NE,,4,Ana\n\(nip(1)),lgd,asr-2,,,,Ana\n")
        let result = try fixture.run([path], options: ImportOptions(batch: "uji", ignoredColumns: ["Nama"]))
        #expect(result.committed)
        #expect(result.files[0].kind == .ratings && result.files[0].rows == 3 && result.files[0].inserted == 4)
        #expect(result.files[0].ignoredColumns == ["nama"])
        #expect(fixture.findings(result) == ["wide.csv:4:1: warning: every competency cell of this row is empty: nothing imported from it"])
        let stored = try fixture.store.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT i.code || ' ' || c.code || ' ' || a.code || ' ' || coalesce(value_num || '/' || value_den, 'NE') FROM ratings
                    JOIN codes i ON i.id = instrument_id JOIN codes c ON c.id = competency_id JOIN codes a ON a.id = assessor_id ORDER BY 1
                    """)
        }
        #expect(stored == ["lgd integritas asr-1 3/1", "lgd kerja-sama asr-1 7/2", "wawancara integritas asr-1 NE", "wawancara komunikasi asr-1 4/1"])
    }

    /// A cell's problem is reported at that cell; a misspelt or repeated competency column at its header cell.
    @Test func wideSheetProblemsAreLocated() throws {
        let fixture = try ImportFixture()
        let cell = try fixture.write("cell.csv", "nip,instrument,assessor,integritas,komunikasi\n\(nip(1)),lgd,asr-1,3,7\n")
        let cellResult = try fixture.run([cell])
        #expect(fixture.findings(cellResult) == ["cell.csv:2:32: error: column 'komunikasi' (E): rating 7 is off the scale 1–5 of 'lgd'"])
        let header = try fixture.write("header.csv", "nip;instrument;assessor;Integirtas;M.01;Integritas\n\(nip(1));lgd;asr-1;3;3;3\n")
        let refused = try fixture.run([header])
        #expect(fixture.findings(refused) == [
            "header.csv:1:25: error: column 'Integirtas' is not a column of ratings (nip, instrument, competency, assessor, rating, batch, date, note, or a competency); did you mean 'Integritas'? Rename it, or give --ignore-column 'Integirtas' to import without it",
            "header.csv:1:41: error: column 'Integritas' names the same competency as column 'M.01' (column 36)",
        ])
    }

    @Test func wideLevelsCarryTheProviderResult() throws {
        let fixture = try ImportFixture()
        let path = try fixture.write(
            "recap.csv", "nip;M.01;Kerja Sama;jpm;category\n\(nip(1));3;4;78,5%;MMS\n\(nip(2));;;81;Optimal\n")
        let result = try fixture.run([path])
        #expect(fixture.findings(result) == [])
        #expect(result.committed && result.files[0].rows == 2 && result.files[0].inserted == 4)
        let claims = try fixture.store.providerClaims()
        #expect(claims == [
            ProviderCheck.Claim(nip: nip(1), batch: "uji", jpmText: "78.5", categorySet: "selection", category: "MMS"),
            ProviderCheck.Claim(nip: nip(2), batch: "uji", jpmText: "81", categorySet: "mapping", category: "optimal"),
        ])
    }

    @Test func providerResultProblems() throws {
        let fixture = try ImportFixture()
        let bad = try fixture.write("bad.csv", "nip;M.01;jpm;category\n\(nip(1));3;tinggi;MMX\n")
        let badResult = try fixture.run([bad])
        #expect(fixture.findings(badResult) == [
            "bad.csv:2:22: error: column 'jpm' (C): the provider's JPM 'tinggi' is not a percentage (a number, 0 or more)",
            "bad.csv:2:29: error: column 'category' (D): the provider's category 'MMX' is none of the library's: MS, MMS, KMS, optimal, cukup-optimal, kurang-optimal",
        ])
        // One person, two different results in one import (a long levels file repeating the JPM is fine).
        let long = try fixture.write(
            "long.csv", "nip,competency,level,jpm\n\(nip(1)),integritas,3,80\n\(nip(1)),komunikasi,3,80\n\(nip(1)),kerja-sama,3,82\n")
        let longResult = try fixture.run([long])
        #expect(fixture.findings(longResult) == [
            "long.csv:4:1: error: two provider results for \(nip(1)) in batch 'uji': JPM 80 at line 2 of this file, JPM 82 here"
        ])
    }

    /// A provider's result against an earlier import: the same one is unchanged, a different one is a
    /// conflict unless replaced, and the replacement is recorded.
    @Test func providerResultAgainstAnEarlierImport() throws {
        let fixture = try ImportFixture()
        let first = try fixture.write("first.csv", "nip;jpm;category;M.01\n\(nip(1));80;MS;\n")
        #expect(try fixture.run([first]).files[0].inserted == 1)
        let same = try fixture.write("same.csv", "nip;M.01;jpm;category\n\(nip(1));;80;MS\n")
        let unchanged = try fixture.run([same])
        #expect(unchanged.committed && unchanged.files[0].unchanged == 1 && unchanged.files[0].inserted == 0)
        let changed = try fixture.write("changed.csv", "nip;M.01;jpm;category\n\(nip(1));;78,5;MMS\n")
        let refused = try fixture.run([changed])
        #expect(fixture.findings(refused) == [
            "changed.csv:2:1: error: the provider's result for \(nip(1)) in batch 'uji' conflicts with the stored one, JPM 80, MS (stored from an earlier import, line 2); use --replace to replace it"
        ])
        let replaced = try fixture.run([changed], options: ImportOptions(batch: "uji", replace: true))
        #expect(replaced.committed && replaced.files[0].replaced == 1)
        #expect(try fixture.store.providerClaims() == [
            ProviderCheck.Claim(nip: nip(1), batch: "uji", jpmText: "78.5", categorySet: "selection", category: "MMS")
        ])
        #expect(try fixture.store.contentDump().contains { $0.hasPrefix("replacements:") && $0.contains("old_value:\"JPM 80, MS\"") && $0.contains("new_value:\"JPM 78.5, MMS\"") })
    }
}
