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
                people: plan.evidence.count)
            defer { chunks.waitForAll() }
            var seen = [Bool](repeating: false, count: plan.evidence.count)
            var chunk = ScoringChunks<Kept>.Chunk()
            func submit() throws {
                chunks.submit(chunk)
                chunk = ScoringChunks<Kept>.Chunk()
                try chunks.drainFinished { result, person in try writer.write(result, person: person) }
            }
            do {
                try db.forEachRawRow("SELECT person_id, batch_id, count, ratings, latest_on FROM rating_sheets") { row in
                    let person = Int(row.int(0))
                    guard plan.wants(person: person, batch: row.int(1)) else { return }
                    plan.dated(person, row.text(4))
                    seen[person] = true
                    chunk.add(plan.evidence(of: person, ratings: []), person: person, sheet: row.bytes(3), ratings: Int(row.int(2)))
                    if chunk.people.count == chunkSize { try submit() }
                }
                // People with tests or agreed levels and no ratings in their latest batch.
                for person in plan.evidence.indices where plan.evidence[person] != nil && !seen[person] {
                    chunk.add(plan.evidence(of: person, ratings: []), person: person, sheet: nil, ratings: 0)
                    if chunk.people.count == chunkSize { try submit() }
                }
                if !chunk.people.isEmpty { chunks.submit(chunk) }
                chunks.waitForAll()
                try chunks.drainFinished { result, person in try writer.write(result, person: person) }
            } catch let damage as DamagedSheet {
                throw plan.damaged(damage, store: path)
            }
            try writer.finish()
            // People in NIP order, from the index on `people.nip`.
            let order = try Int.fetchAll(db, sql: "SELECT id FROM people ORDER BY nip")
            return StoredScores(kept: chunks.kept(in: order), notes: plan.notes, batches: plan.batchNames)
        }
    }
}

/// Chunks of people scored on other threads while the store is read: at most `limit` chunks being scored
/// at once, so memory is bounded by the chunks and the results, not by the cohort's ratings. A slot is
/// freed when a chunk is scored (not when it is written), so the reading thread never waits on itself.
final class ScoringChunks<Kept: Sendable>: Sendable {
    /// People to score: their evidence without ratings, and their rating sheets' bytes one after another.
    struct Chunk: Sendable {
        var people: [(evidence: ParticipantEvidence, person: Int, sheet: Range<Int>?, ratings: Int)] = []
        var bytes: [UInt8] = []

        mutating func add(_ evidence: ParticipantEvidence, person: Int, sheet: UnsafeBufferPointer<UInt8>?, ratings: Int) {
            var range: Range<Int>?
            if let sheet {
                range = bytes.count..<(bytes.count + sheet.count)
                bytes.append(contentsOf: sheet)
            }
            people.append((evidence, person, range, ratings))
        }
    }

    private typealias Scored = Result<[(result: PersonResult, person: Int, kept: Kept)], any Error>

    private let scorer: CohortScorer
    private let codes: CodeTable
    private let profiles: [String: PersonProfile]
    private let target: PositionStandard?
    private let keep: @Sendable (PersonResult) -> Kept
    private let progress: (@Sendable (Int) -> Void)?
    private let queue = DispatchQueue(label: "merit.scoring", attributes: .concurrent)
    private let group = DispatchGroup()
    private let slots: DispatchSemaphore
    /// Finished chunks by number, the number of the next one to write, how many were submitted, and every
    /// person's kept value written so far, by person id.
    private let state: Mutex<(finished: [Int: Scored], next: Int, submitted: Int, done: Int, kept: [Kept?])>

    init(
        scorer: CohortScorer, codes: CodeTable, profiles: [String: PersonProfile], target: PositionStandard?,
        keep: @escaping @Sendable (PersonResult) -> Kept, progress: (@Sendable (Int) -> Void)?, people: Int, limit: Int = 4
    ) {
        state = Mutex(([:], 0, 0, 0, [Kept?](repeating: nil, count: people)))
        self.scorer = scorer
        self.codes = codes
        self.profiles = profiles
        self.target = target
        self.keep = keep
        self.progress = progress
        slots = DispatchSemaphore(value: limit)
    }

    /// Starts scoring a chunk; waits while `limit` chunks are being scored.
    func submit(_ chunk: Chunk) {
        slots.wait()
        let number = state.withLock { state in
            defer { state.submitted += 1 }
            return state.submitted
        }
        queue.async(group: group) { [self] in
            let scored = Scored { try score(chunk) }
            slots.signal()
            let done = state.withLock { state in
                state.finished[number] = scored
                state.done += chunk.people.count
                return state.done
            }
            progress?(done)
        }
    }

    private func score(_ chunk: Chunk) throws -> [(result: PersonResult, person: Int, kept: Kept)] {
        var integrators: [String: Integrator] = [:]
        var out: [(result: PersonResult, person: Int, kept: Kept)] = []
        out.reserveCapacity(chunk.people.count)
        try chunk.bytes.withUnsafeBufferPointer { all in
            for var entry in chunk.people {
                if let sheet = entry.sheet {
                    let bytes = UnsafeBufferPointer(rebasing: all[sheet])
                    entry.evidence.ratings = try MeritStore.ratings(ofSheet: bytes, count: entry.ratings, person: entry.person, codes: codes)
                }
                let profile = profiles[entry.evidence.nip]
                guard var result = scorer.score(entry.evidence, profile: profile, target: target, integrators: &integrators) else { continue }
                result.evidence.ratings = []
                out.append((result, entry.person, keep(result)))
            }
        }
        return out
    }

    /// Hands finished chunks to `write` in the order they were submitted (the store's key order), as far
    /// as they are finished; the first failure is thrown.
    func drainFinished(_ write: (PersonResult, Int64) throws -> Void) throws {
        while true {
            let next: Scored? = state.withLock { state in
                guard let found = state.finished.removeValue(forKey: state.next) else { return nil }
                state.next += 1
                return found
            }
            guard let next else { return }
            let scored = try next.get()
            for (result, person, _) in scored { try write(result, Int64(person)) }
            state.withLock { state in
                for entry in scored { state.kept[entry.person] = entry.kept }
            }
        }
    }

    func waitForAll() { group.wait() }

    /// What was kept of every result written, in the order of `people` (person ids).
    func kept(in people: [Int]) -> [Kept] {
        state.withLock { state in people.compactMap { $0 < state.kept.count ? state.kept[$0] : nil } }
    }
}
