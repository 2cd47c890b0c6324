import Foundation
import GRDB
import MeritCore
@testable import MeritIO
import Testing

/// `scoreStored` (the streaming path of `merit score`, issue 15) gives the results and stored rows of
/// `loadCohort` + `CohortScorer.score` + `saveResults`, person by person.
@Suite struct StreamingScoreTests {
    static let referenceDate = CalendarDate(year: 2026, month: 12, day: 1)!

    /// Everything a result decides (every level and flag, the JPM, every category, the box, the
    /// qualification, validity and gaps) and the scores table's row; the evidence without its ratings,
    /// which streamed results do not keep.
    struct Decided: Hashable, Sendable {
        var evidence: ParticipantEvidence
        var profile: PersonProfile?
        var levels: ParticipantLevels
        var match: PositionMatch?
        var row: [String]

        init(_ result: PersonResult, library: Library) {
            evidence = result.evidence
            evidence.ratings = []
            profile = result.profile
            levels = result.levels
            match = result.match
            row = ResultTables.scoreRow(result, library: library)
        }
    }

    /// The stored results, without the run they belong to.
    static func storedRows(_ store: MeritStore) throws -> [String] {
        try store.read { db in
            let competencies = try Row.fetchAll(
                db,
                sql: """
                    SELECT person_id, competency_id, integrated_num, integrated_den, computed_num, computed_den, agreed_num,
                           agreed_den, flags FROM competency_results ORDER BY person_id, competency_id
                    """)
            let positions = try Row.fetchAll(
                db,
                sql: """
                    SELECT person_id, position, jpm_num, jpm_den, jpm_shown, selection, mapping, box, qualified, expired
                    FROM position_results ORDER BY person_id, position
                    """)
            return (competencies + positions).map(\.description)
        }
    }

    /// Imports the same files into two stores, scores one the old way and one streaming, and compares.
    func compare(files: [[String]], chunkSize: Int, options: [ImportOptions]) throws -> Int {
        let old = try ImportFixture()
        let new = try ImportFixture()
        for (group, option) in zip(files, options) {
            #expect(try old.run(group, options: option).committed)
            #expect(try new.run(group, options: option).committed)
        }
        let library = old.library
        let scorer = CohortScorer(library: library, referenceDate: Self.referenceDate)
        let cohort = try old.store.loadCohort(library: library)
        let expected = scorer.score(cohort.evidence, profiles: cohort.profiles)
        try old.store.saveResults(expected, library: library, referenceDate: Self.referenceDate)

        let streamed = try new.store.scoreStored(
            library: library, scorer: scorer, chunkSize: chunkSize, keep: { Decided($0, library: library) })
        #expect(streamed.notes == cohort.notes)
        #expect(streamed.batches == cohort.batches)
        let wanted = expected.sorted { $0.evidence.nip < $1.evidence.nip }.map { Decided($0, library: library) }
        #expect(streamed.kept.count == wanted.count)
        let differing = zip(streamed.kept, wanted).filter { $0.0 != $0.1 }
        #expect(differing.isEmpty, "first differing: \(String(describing: differing.first))")
        // The cohort is not trivial: levels, JPMs and categories vary.
        #expect(Set(wanted.compactMap { $0.match?.category("selection")?.band.id }).count > 1)
        let oldRows = try Self.storedRows(old.store)
        #expect(oldRows.count > expected.count)
        #expect(try Self.storedRows(new.store) == oldRows)
        return expected.count
    }

    @Test func exampleCohortScoresAsBefore() throws {
        let files = ["profiles", "ratings", "tests", "levels"].map { StoredCohortTests.examples.appendingPathComponent("\($0).csv").path }
        // Chunks of 7 people: the 40 examples make six chunks and a short one.
        #expect(try compare(files: [files], chunkSize: 7, options: [ImportOptions()]) == 40)
    }

    /// A sample cohort with NE, tests and agreed levels, assessed twice: for the first 150 people a later
    /// batch without agreed levels is their latest assessment, so the older batch's levels must not count.
    @Test func sampleCohortOverTwoBatchesScoresAsBefore() throws {
        let folder = try ImportFixture()
        let library = folder.library
        let first = try CohortFiles.generate(
            CohortGenerator(library: library, seed: 9, batch: "asesmen-2025", date: CalendarDate(year: 2025, month: 2, day: 10)!),
            people: 600, to: folder.folder.appendingPathComponent("2025").path)
        let second = try CohortFiles.generate(
            CohortGenerator(library: library, seed: 9, batch: "asesmen-2026", date: CalendarDate(year: 2026, month: 3, day: 16)!),
            people: 150, to: folder.folder.appendingPathComponent("2026").path)
        #expect(first.counts.levels > 0 && first.counts.tests > 0)
        let ratings = try String(contentsOfFile: first.paths[1], encoding: .utf8)
        #expect(ratings.contains(",NE,"))
        let scored = try compare(
            files: [first.paths, Array(second.paths.prefix(3))], chunkSize: 64,
            options: [ImportOptions(), ImportOptions()])
        #expect(scored == 600)
    }

    /// The page cache asked for while scanning is given back to what the store had.
    @Test func cacheSizeIsRestored() throws {
        let fixture = try ImportFixture()
        let files = ["profiles", "ratings"].map { StoredCohortTests.examples.appendingPathComponent("\($0).csv").path }
        #expect(try fixture.run(files, options: ImportOptions()).committed)
        let before = try fixture.store.read { db in try Int.fetchOne(db, sql: "PRAGMA cache_size") }
        _ = try fixture.store.scoreStored(
            library: fixture.library, scorer: CohortScorer(library: fixture.library, referenceDate: Self.referenceDate), keep: { _ in 0 })
        #expect(try fixture.store.read { db in try Int.fetchOne(db, sql: "PRAGMA cache_size") } == before)
    }
}
