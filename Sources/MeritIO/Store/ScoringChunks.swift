import Dispatch
import MeritCore
import Synchronization

/// Chunks of people scored on other threads while the store is read: at most `limit` chunks being scored
/// at once, so memory is bounded by the chunks and the results, not by the cohort's ratings. A slot is
/// freed when a chunk is scored (not when it is written), so the reading thread never waits on itself.
final class ScoringChunks<Kept: Sendable>: Sendable {
    typealias Chunk = SheetChunk

    /// A chunk on its way to a scoring thread, held by reference so that its arrays stay uniquely owned
    /// (emptied in place for reuse, not copied).
    private final class Handed: @unchecked Sendable {
        var chunk: Chunk
        init(_ chunk: Chunk) { self.chunk = chunk }
    }

    /// A scored chunk: what was kept of each person, and their results when a writer wants them.
    private struct ScoredChunk {
        var kept: [(person: Int, kept: Kept)] = []
        var results: [PersonResult] = []
    }

    private typealias Scored = Result<ScoredChunk, any Error>

    private let scorer: CohortScorer
    private let codes: CodeTable
    /// By stored person id.
    private let profiles: [PersonProfile?]
    private let target: PositionStandard?
    private let keep: @Sendable (PersonResult) -> Kept
    private let progress: (@Sendable (Int) -> Void)?
    /// Whether `drainFinished` is given the results (to write them); without, only what `keep` kept is
    /// held. Holding results nobody writes cost a history a quarter of its scoring threads' time: a
    /// result is large, and each chunk's array of them was fresh memory (faulted in, then freed).
    private let writesResults: Bool
    private let threads: ScoringThreads
    /// This set's chunks being scored.
    private let scoring = DispatchGroup()
    private let slots: DispatchSemaphore
    /// Finished chunks by number, the number of the next one to write, how many were submitted, and every
    /// person's kept value written so far, by person id.
    private let state: Mutex<(finished: [Int: Scored], next: Int, submitted: Int, done: Int, kept: [Kept?])>

    init(
        scorer: CohortScorer, codes: CodeTable, profiles: [PersonProfile?], target: PositionStandard?,
        keep: @escaping @Sendable (PersonResult) -> Kept, progress: (@Sendable (Int) -> Void)?, people: Int, writesResults: Bool = true,
        threads: ScoringThreads, limit: Int = 4
    ) {
        self.threads = threads
        self.writesResults = writesResults
        state = Mutex(([:], 0, 0, 0, [Kept?](repeating: nil, count: people)))
        self.scorer = scorer
        self.codes = codes
        self.profiles = profiles
        self.target = target
        self.keep = keep
        self.progress = progress
        slots = DispatchSemaphore(value: limit)
    }

    /// Starts scoring a chunk, and gives the caller an empty one to fill next (a used one, its memory
    /// kept); waits while `limit` chunks are being scored.
    func submit(_ chunk: inout Chunk) {
        slots.wait()
        let number = state.withLock { state in
            defer { state.submitted += 1 }
            return state.submitted
        }
        let handed = Handed(chunk)
        chunk = spareChunk()
        threads.async(in: scoring) { [self] in
            let scored = Scored { try score(handed.chunk) }
            let people = handed.chunk.people.count
            threads.recycle(&handed.chunk)
            slots.signal()
            let done = state.withLock { state in
                state.finished[number] = scored
                state.done += people
                return state.done
            }
            progress?(done)
        }
    }

    func spareChunk() -> Chunk { threads.spareChunk() }

    private func score(_ chunk: Chunk) throws -> ScoredChunk {
        var integrators: [String: Integrator] = [:]
        var out = ScoredChunk()
        out.kept.reserveCapacity(chunk.people.count)
        if writesResults { out.results.reserveCapacity(chunk.people.count) }
        try chunk.bytes.withUnsafeBufferPointer { all in
            // By index, in place: `for entry in chunk.people` copied each person's evidence out.
            for index in chunk.people.indices {
                let sheet = chunk.people[index].sheet
                let person = chunk.people[index].person
                guard
                    var result = try scorer.score(
                        chunk.people[index].evidence, profile: profiles[person], target: target, integrators: &integrators,
                        ratings: { cells in
                            guard let sheet else { return }
                            try MeritStore.addRatings(ofSheet: UnsafeBufferPointer(rebasing: all[sheet]), person: person, codes: codes, to: &cells)
                        })
                else { continue }
                result.evidence.ratings = []
                out.kept.append((person, keep(result)))
                if writesResults { out.results.append(result) }
            }
        }
        return out
    }

    /// Hands finished chunks' results to `write` in the order they were submitted (the store's key order),
    /// as far as they are finished; the first failure is thrown. Without `writesResults`, `write` is not called.
    func drainFinished(_ write: (PersonResult, Int64) throws -> Void) throws {
        while true {
            let next: Scored? = state.withLock { state in
                guard let found = state.finished.removeValue(forKey: state.next) else { return nil }
                state.next += 1
                return found
            }
            guard let next else { return }
            let scored = try next.get()
            for (index, result) in scored.results.enumerated() { try write(result, Int64(scored.kept[index].person)) }
            state.withLock { state in
                for entry in scored.kept { state.kept[entry.person] = entry.kept }
            }
        }
    }

    func waitForAll() { scoring.wait() }

    /// What was kept of every result written, in the order of `people` (person ids), moved out (asked
    /// for once, at the end): copying each value and then dropping the originals was a twentieth of a
    /// history's reading thread.
    func kept(in people: [Int]) -> [Kept] {
        var kept = state.withLock { state in
            var taken: [Kept?] = []
            swap(&taken, &state.kept)
            return taken
        }
        var ordered: [Kept] = []
        ordered.reserveCapacity(people.count)
        for person in people where person < kept.count {
            if let value = kept[person].take() { ordered.append(consume value) }
        }
        return ordered
    }
}
