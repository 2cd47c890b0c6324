import Dispatch
import MeritCore
import Synchronization

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
    private let queue = DispatchQueue(label: "merit.scoring", attributes: .concurrent)
    private let group = DispatchGroup()
    private let slots: DispatchSemaphore
    private let spare = Mutex<[Chunk]>([])
    /// Finished chunks by number, the number of the next one to write, how many were submitted, and every
    /// person's kept value written so far, by person id.
    private let state: Mutex<(finished: [Int: Scored], next: Int, submitted: Int, done: Int, kept: [Kept?])>

    init(
        scorer: CohortScorer, codes: CodeTable, profiles: [PersonProfile?], target: PositionStandard?,
        keep: @escaping @Sendable (PersonResult) -> Kept, progress: (@Sendable (Int) -> Void)?, people: Int, writesResults: Bool = true,
        limit: Int = 4
    ) {
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
        queue.async(group: group) { [self] in
            let scored = Scored { try score(handed.chunk) }
            let people = handed.chunk.people.count
            recycle(handed)
            slots.signal()
            let done = state.withLock { state in
                state.finished[number] = scored
                state.done += people
                return state.done
            }
            progress?(done)
        }
    }

    /// An empty chunk to fill: a scored one whose arrays keep their memory, else a new one. A history
    /// reads 300,000 sheets: with a new chunk each time, a third of the reading thread went to the kernel
    /// handing out (and zeroing) fresh pages for the sheets' bytes.
    func spareChunk() -> Chunk {
        spare.withLock { $0.popLast() } ?? Chunk()
    }

    private func recycle(_ handed: Handed) {
        var used = Chunk()
        swap(&used, &handed.chunk)
        used.people.removeAll(keepingCapacity: true)
        used.bytes.removeAll(keepingCapacity: true)
        spare.withLock { $0.append(used) }
    }

    private func score(_ chunk: Chunk) throws -> ScoredChunk {
        var integrators: [String: Integrator] = [:]
        var out = ScoredChunk()
        out.kept.reserveCapacity(chunk.people.count)
        if writesResults { out.results.reserveCapacity(chunk.people.count) }
        try chunk.bytes.withUnsafeBufferPointer { all in
            for var entry in chunk.people {
                if let sheet = entry.sheet {
                    let bytes = UnsafeBufferPointer(rebasing: all[sheet])
                    // Dropped once scored (below), so read without assessors.
                    entry.evidence.ratings = try MeritStore.ratings(
                        ofSheet: bytes, count: entry.ratings, person: entry.person, codes: codes, assessors: false)
                }
                guard var result = scorer.score(entry.evidence, profile: profiles[entry.person], target: target, integrators: &integrators) else { continue }
                result.evidence.ratings = []
                out.kept.append((entry.person, keep(result)))
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

    func waitForAll() { group.wait() }

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
