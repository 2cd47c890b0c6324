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
