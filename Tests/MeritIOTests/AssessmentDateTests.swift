import Foundation
import MeritCore
import MeritIO
import Testing

/// A person's assessment date is the latest date of the evidence their result uses; validity counts from it.
@Suite struct AssessmentDateTests {
    static func scored(_ fixture: ImportFixture, on day: CalendarDate) throws -> [String: PersonResult] {
        let cohort = try fixture.store.loadCohort(library: fixture.library)
        let results = CohortScorer(library: fixture.library, referenceDate: day).score(cohort.evidence, profiles: cohort.profiles)
        return Dictionary(uniqueKeysWithValues: results.map { ($0.evidence.nip, $0) })
    }

    static let profiles = "nip,name,unit,position,job_level\n\(nip(1)),Ana,BKPSDM,kabid-mutasi-promosi,administrator\n\(nip(2)),Budi,BKPSDM,kabid-mutasi-promosi,administrator\n"

    /// A provider's recap dated 22 November 2023 is valid through 21 November 2026 and expired the next day.
    @Test func datedRecapExpiresTheDayAfterItsLastValidDay() throws {
        let fixture = try ImportFixture()
        let recap = try fixture.write("recap.csv", "nip;M.01;M.02;date\n\(nip(1));3;4;2023-11-22\n")
        let result = try fixture.run([try fixture.write("profiles.csv", Self.profiles), recap])
        #expect(result.committed, "\(fixture.findings(result))")
        let lastDay = try Self.scored(fixture, on: CalendarDate(year: 2026, month: 11, day: 21)!)[nip(1)]!.match!.validity
        #expect(lastDay.assessedOn == CalendarDate(year: 2023, month: 11, day: 22))
        #expect(lastDay.validUntil == CalendarDate(year: 2026, month: 11, day: 21))
        #expect(!lastDay.isExpired)
        let dayAfter = try Self.scored(fixture, on: CalendarDate(year: 2026, month: 11, day: 22)!)[nip(1)]!.match!.validity
        #expect(dayAfter.isExpired)
    }

    /// Two people of one batch assessed on different days each have their own date.
    @Test func peopleOfOneBatchKeepTheirOwnDates() throws {
        let fixture = try ImportFixture()
        let ratings = try fixture.write(
            "ratings.csv",
            "nip,instrument,competency,assessor,rating,batch,date\n\(nip(1)),lgd,integritas,asr-1,3,b,2026-03-16\n\(nip(2)),lgd,integritas,asr-1,3,b,2026-03-18\n")
        let tests = try fixture.write("tests.csv", "nip,instrument,raw_score,batch,date\n\(nip(1)),tes-potensi,30,b,2026-03-17\n")
        #expect(try fixture.run([try fixture.write("profiles.csv", Self.profiles), ratings, tests]).committed)
        let results = try Self.scored(fixture, on: CalendarDate(year: 2026, month: 11, day: 22)!)
        #expect(results[nip(1)]?.evidence.assessedOn == CalendarDate(year: 2026, month: 3, day: 17))
        #expect(results[nip(2)]?.evidence.assessedOn == CalendarDate(year: 2026, month: 3, day: 18))
    }

    /// Evidence without dates: said at import, and the results have no validity to decide.
    @Test func undatedEvidenceIsFlagged() throws {
        let fixture = try ImportFixture()
        let recap = try fixture.write("recap.csv", "nip;M.01;M.02\n\(nip(1));3;4\n")
        let result = try fixture.run([try fixture.write("profiles.csv", Self.profiles), recap])
        #expect(fixture.findings(result, undated: true) == [
            "recap.csv:1:1: warning: no 'date' column: these levels have no assessment date, so the validity of the results they give cannot be decided; add the date of the assessment (yyyy-mm-dd) to each row"
        ])
        let validity = try Self.scored(fixture, on: CalendarDate(year: 2026, month: 11, day: 22)!)[nip(1)]!.match!.validity
        #expect(validity.isUndated && validity.validUntil == nil && !validity.isExpired)
    }
}
