import Dispatch
import GRDB
import MeritCore
import Synchronization

/// What `scoreStored` gives: what its caller kept of each person's result, in NIP order, with the notes
/// and batches `loadCohort` gives. A caller keeps as little as it shows (`merit score` keeps its table's
/// rows): holding every `PersonResult` is what made the memory of `merit score` grow with the cohort.
public struct StoredScores<Kept: Sendable>: Sendable {
    public var kept: [Kept]
    public var notes: [String]
    public var batches: [String: String]
}

extension MeritStore {
    /// Scores every stored person and stores the results in one transaction, holding the ratings of a few
    /// chunks of people at a time (issue 15). This thread reads the rating sheets in the table's order and
    /// writes results; other threads unpack and score each chunk meanwhile. The results equal those of
    /// `loadCohort` + `CohortScorer.score` + `saveResults` (tests in MeritIOTests/StreamingScoreTests).
    ///
    /// `keep` runs on the scoring threads, once per scored person; a result given to it has no ratings.
    public func scoreStored<Kept: Sendable>(
        library: Library, scorer: CohortScorer, target: PositionStandard? = nil, chunkSize: Int = 2_048,
        keep: @escaping @Sendable (PersonResult) -> Kept, progress: (@Sendable (Int) -> Void)? = nil
    ) throws -> StoredScores<Kept> {
        try transaction { db in
            // The sheets are read once: a page cache as large as the importer's (256 MB) would only hold
            // pages never read again, and be most of the command's memory.
            let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2_000
            try db.execute(sql: "PRAGMA cache_size = -16384")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
            var plan = try CohortPlan(db, library: library)
            var writer = try ResultWriter(db, library: library, referenceDate: scorer.scorer.referenceDate)
            let chunks = ScoringChunks(
                scorer: scorer, codes: plan.codes, profiles: plan.profiles, target: target, keep: keep, progress: progress,
                people: plan.evidence.count, threads: ScoringThreads())
            defer { chunks.waitForAll() }
            do {
                try stream(db, plan: &plan, through: chunks, chunkSize: chunkSize) {
                    try chunks.drainFinished { result, person in try writer.write(result, person: person) }
                }
            } catch let damage as DamagedSheet {
                throw plan.damaged(damage, store: path)
            }
            try writer.finish()
            // People in NIP order, from the index on `people.nip`.
            let order = try Int.fetchAll(db, sql: "SELECT id FROM people ORDER BY nip")
            return StoredScores(kept: chunks.kept(in: order), notes: plan.notes, batches: plan.batchNames)
        }
    }

    /// Reads the rating sheets `plan` wants in the table's order, chunk by chunk into `chunks`, then the
    /// people it wants who have tests or agreed levels and no sheet; `drain` runs after each chunk is
    /// handed over, and once more when all are scored; without `waits`, the last chunks may still be being
    /// scored when this returns (the caller waits for them, and drains them).
    func stream<Kept>(
        _ db: Database, plan: inout CohortPlan, through chunks: ScoringChunks<Kept>, chunkSize: Int, waits: Bool = true,
        drain: () throws -> Void
    ) throws {
        var seen = [Bool](repeating: false, count: plan.evidence.count)
        var chunk = chunks.spareChunk()
        func submit() throws {
            chunks.submit(&chunk)
            try drain()
        }
        try db.forEachRawRow("SELECT person_id, batch_id, ratings, latest_on FROM rating_sheets\(plan.rows())") { row in
            let person = Int(row.int(0))
            guard plan.wants(person: person, batch: row.int(1)) else { return }
            plan.dated(person, row.text(3))
            seen[person] = true
            chunk.add(plan.takeEvidence(of: person, ratings: []), person: person, sheet: row.bytes(2))
            if chunk.people.count == chunkSize { try submit() }
        }
        // People with tests or agreed levels and no ratings in their batch.
        for person in plan.evidence.indices where plan.isPlanned[person] && !seen[person] {
            chunk.add(plan.takeEvidence(of: person, ratings: []), person: person, sheet: nil)
            if chunk.people.count == chunkSize { try submit() }
        }
        if !chunk.people.isEmpty { chunks.submit(&chunk) }
        guard waits else { return }
        chunks.waitForAll()
        try drain()
    }
}
