import Foundation
import GRDB
import MeritCore
@testable import MeritIO
import Testing

/// The example cohort through the store: imported, loaded, scored and saved, then read back with SQL.
@Suite struct StoredCohortTests {
    static let examples = URL(fileURLWithPath: ImportFixture.instruments).appendingPathComponent("examples")

    @Test func examplesRoundTripThroughTheStore() throws {
        let fixture = try ImportFixture()
        let files = ["profiles", "ratings", "tests", "levels"].map { Self.examples.appendingPathComponent("\($0).csv").path }
        let imported = try fixture.run(files, options: ImportOptions())
        #expect(imported.committed)
        let ratingRows = imported.files[1].rows
        #expect(ratingRows > 1_000)

        // The view shows every rating once; loading gives them all back as evidence.
        let viewRows = try fixture.store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM ratings")! }
        #expect(viewRows == ratingRows)
        let cohort = try fixture.store.loadCohort(library: fixture.library)
        #expect(cohort.evidence.count == 40 && cohort.notes.isEmpty)
        #expect(cohort.evidence.reduce(0) { $0 + $1.ratings.count } == ratingRows)
        #expect(cohort.evidence.reduce(0) { $0 + $1.tests.count } == imported.files[2].rows)
        #expect(cohort.evidence.reduce(0) { $0 + $1.agreed.count } == imported.files[3].rows)

        // Saved results: one row per scored competency and per match (more than one multi-row statement).
        let results = CohortScorer(library: fixture.library, referenceDate: CalendarDate(year: 2026, month: 11, day: 22)!)
            .score(cohort.evidence, profiles: cohort.profiles)
        try fixture.store.saveResults(results, library: fixture.library)
        let scored = results.reduce(0) { $0 + $1.levels.competencies.filter { $0.flags != [.noEvidence, .provisional] }.count }
        #expect(scored > 64)
        let stored = try fixture.store.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM competency_results")!,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM position_results")!
            )
        }
        #expect(stored.0 == scored)
        #expect(stored.1 == results.filter { $0.match != nil }.count)
        // A person's stored JPM is the one computed.
        let first = try #require(results.first { $0.match != nil })
        let jpm = try fixture.store.read { db in
            try String.fetchOne(
                db, sql: "SELECT jpm_shown FROM position_results JOIN people ON people.id = person_id WHERE nip = ?",
                arguments: [first.evidence.nip])
        }
        #expect(jpm == first.match!.jpm.formatted())
    }

    /// A rating repeated in a file is a duplicate even when it equals what the store already has.
    @Test func repeatOfAStoredRatingIsADuplicate() throws {
        let fixture = try ImportFixture()
        let row = "\(nip(1)),lgd,integritas,asr-1,3\n"
        #expect(try fixture.run([try fixture.write("a.csv", ImporterTests.ratingsHeader + row)]).committed)
        let result = try fixture.run([try fixture.write("b.csv", ImporterTests.ratingsHeader + row + row)])
        #expect(fixture.findings(result) == ["b.csv:3:1: error: duplicate row: the same rating is at line 2 of this file"])
    }
    /// The stored trainings column is read as `split(separator: "|")` would read it, ASCII or not.
    @Test(arguments: ["", "PKA", "PKA|Diklat Teknis", "|PKA||PKP|", "Pelatihan Dasar CPNS|Bimtek Café", "a|\u{301}b|c", "|"])
    func trainingsColumnSplitsLikeString(text: String) {
        #expect(StoredProfiles.trainings(text) == text.split(separator: "|").map(String.init))
    }
}
