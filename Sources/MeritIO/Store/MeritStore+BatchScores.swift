import Dispatch
import GRDB
import MeritCore

extension MeritStore {
    /// Scores every stored batch on its own evidence, oldest first (`batchNames`), each participant with
    /// the profile they had then, as `loadCohort(library:batch:)` + `CohortScorer.score` would, but streamed
    /// like `scoreStored` (a few chunks of ratings in memory at a time) and with the people, codes and
    /// profiles read once for all batches (issue 17: a history of 100,000 people over three years). Nothing
    /// is written. `keep` runs on the scoring threads with each result (without ratings) and its batch's
    /// name; each batch's kept values are in NIP order. With `nip`, that person alone.
    public func scoreBatches<Kept: Sendable>(
        library: Library, scorer: CohortScorer, nip: String? = nil, chunkSize: Int = 2_048,
        keep: @escaping @Sendable (PersonResult, String) -> Kept
    ) throws -> [(batch: String, kept: [Kept])] {
        try read { db in
            let names = try String.fetchAll(db, sql: "SELECT name FROM batches ORDER BY assessed_on IS NULL, assessed_on, name")
            var ids: [Int64] = []
            for name in names { ids.append(try Int64.fetchOne(db, sql: "SELECT id FROM batches WHERE name = ?", arguments: [name])!) }
            var person: Int64?
            if let nip { person = try Int64.fetchOne(db, sql: "SELECT id FROM people WHERE nip = ?", arguments: [nip]) ?? -1 }
            let shared = try CohortPlan.Shared(db, library: library)
            var profiles = try StoredProfiles.chosen(db, nips: shared.nips, asOf: ids.map { shared.profileDate(of: $0) })
            // Freeing every batch's profiles (300,000 for 100,000 people over three years) took a quarter
            // of a second at the end, on this thread, while the other core waited (perf, merit movement).
            defer { Self.freeElsewhere(&profiles) }
            let order = try Int.fetchAll(db, sql: "SELECT id FROM people ORDER BY nip")
            // One set of threads for every batch, and no wait at a batch's end: its last chunks are scored
            // while the next batch is planned (a third of a second per batch of 100,000 on this thread, the
            // scoring threads idle before). `limit` lets enough chunks wait to cover that.
            let threads = ScoringThreads()
            var streamed: [(name: String, chunks: ScoringChunks<Kept>)] = []
            defer { for batch in streamed { batch.chunks.waitForAll() } }
            for (index, id) in ids.enumerated() {
                let name = names[index]
                var plan = try CohortPlan(db, shared: shared, profiles: profiles[index], library: library, batch: id, person: person)
                let chunks = ScoringChunks(
                    scorer: scorer, codes: plan.codes, profiles: plan.profiles, target: nil, keep: { keep($0, name) }, progress: nil,
                    people: plan.evidence.count, writesResults: false, threads: threads, limit: 24)
                streamed.append((name, chunks))
                try damages(in: name, nips: shared.nips) {
                    try stream(db, plan: &plan, through: chunks, chunkSize: chunkSize, waits: false) { try chunks.drainFinished { _, _ in } }
                }
            }
            var scored: [(batch: String, kept: [Kept])] = []
            for (name, chunks) in streamed {
                chunks.waitForAll()
                try damages(in: name, nips: shared.nips) { try chunks.drainFinished { _, _ in } }
                scored.append((name, chunks.kept(in: order)))
            }
            return scored
        }
    }

    /// Runs `body`, a damaged sheet of batch `name` thrown as the store's error naming it.
    private func damages(in name: String, nips: [String?], _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let damage as DamagedSheet {
            throw StoreError(path: path, message: damage.message(nip: damage.person < nips.count ? nips[damage.person] : nil, batch: name))
        }
    }

    /// Takes `value` and frees it on another thread, for a large value whose freeing would hold up this one.
    static func freeElsewhere<Value: Sendable & RangeReplaceableCollection>(_ value: inout Value) {
        var taken = Value()
        swap(&taken, &value)
        DispatchQueue.global(qos: .utility).async { [taken] in _ = taken.count }
    }
}
