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

    /// Planning a run lists who has a sheet in which batch (CohortPlan.findLatestBatches) from the keys'
    /// index, without reading the sheets, for the whole store and for one batch.
    @Test func planningReadsSheetKeysFromTheirIndex() throws {
        let fixture = try ImportFixture()
        let details = try fixture.store.read { db in
            try ["", " WHERE batch_id = 1"].map { rows in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT batch_id, person_id FROM rating_sheets\(rows) GROUP BY batch_id, person_id")
                    .map { $0["detail"] as String }
            }
        }
        #expect(details == [
            ["SCAN rating_sheets USING COVERING INDEX rating_sheets_keys"],
            ["SEARCH rating_sheets USING COVERING INDEX rating_sheets_keys (batch_id=?)"],
        ])
    }

    /// A rating repeated in a file is a duplicate even when it equals what the store already has.
    @Test func repeatOfAStoredRatingIsADuplicate() throws {
        let fixture = try ImportFixture()
        let row = "\(nip(1)),lgd,integritas,asr-1,3\n"
        #expect(try fixture.run([try fixture.write("a.csv", ImporterTests.ratingsHeader + row)]).committed)
        let result = try fixture.run([try fixture.write("b.csv", ImporterTests.ratingsHeader + row + row)])
        #expect(fixture.findings(result) == ["b.csv:3:1: error: duplicate row: the same rating is at line 2 of this file"])
    }
    /// A person's profiles of three years, some texts repeated, some changed or NULL: each year's is its row
    /// as written, however much it shares with the year before.
    @Test func profilesOfEachYearAreTheirOwnRows() throws {
        let db = try DatabaseQueue()
        let rows: [[(any DatabaseValueConvertible)?]] = [
            [0, 1, "2024-01-01", "Ani", "U1", "p", "j", "S1", "Manajemen", "III/a", "PKA|B", 3, "Baik"],
            [0, 2, "2025-01-01", "Ani", "U1", "p", "j", "S1", nil, "III/a", "PKA|B", 4, "Sangat Baik"],
            [0, 3, "2026-01-01", "Ani", "U2", "p", "j", "S1", "Hukum", "III/b", "PKA", nil, nil],
            [1, 1, "2024-01-01", "Budi", "U1", "p", "j", nil, nil, nil, "", nil, "Baik"],
        ]
        let profiles = try db.write { db in
            try db.execute(sql: """
                CREATE TABLE profiles (person_id INTEGER, import_id INTEGER, as_of TEXT, name TEXT, unit TEXT, position TEXT,
                job_level TEXT, education TEXT, education_field TEXT, rank TEXT, trainings TEXT, experience_years INTEGER,
                performance TEXT, PRIMARY KEY (person_id, import_id)) WITHOUT ROWID
                """)
            for row in rows {
                try db.execute(sql: "INSERT INTO profiles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", arguments: StatementArguments(row.map { $0 ?? nil }))
            }
            return try StoredProfiles.chosen(db, nips: ["n0", "n1"], asOf: ["2024-06-01", "2025-06-01", "2026-06-01"])
        }
        func profile(_ row: [(any DatabaseValueConvertible)?], nip: String) -> PersonProfile {
            func text(_ index: Int) -> String? { row[index] as? String }
            return PersonProfile(
                nip: nip, name: text(3)!, unit: text(4)!, position: text(5)!, jobLevel: text(6)!,
                education: text(7).flatMap(EducationLevel.init(rawValue:)), educationField: text(8), rank: text(9).flatMap(Golongan.init(parsing:)),
                trainings: text(10)!.split(separator: "|").map(String.init), experienceYears: row[11] as? Int, performance: text(12))
        }
        #expect(profiles.map { $0[0] } == rows[0...2].map { profile($0, nip: "n0") })
        #expect(profiles.map { $0[1] } == Array(repeating: profile(rows[3], nip: "n1"), count: 3))
    }

    /// The stored trainings column is read as `split(separator: "|")` would read it, ASCII or not.
    @Test(arguments: ["", "PKA", "PKA|Diklat Teknis", "|PKA||PKP|", "Pelatihan Dasar CPNS|Bimtek Café", "a|\u{301}b|c", "|"])
    func trainingsColumnSplitsLikeString(text: String) {
        #expect(StoredProfiles.trainings(text) == text.split(separator: "|").map(String.init))
    }
}
