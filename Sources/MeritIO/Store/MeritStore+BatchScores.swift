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
            var scored: [(batch: String, kept: [Kept])] = []
            for (index, id) in ids.enumerated() {
                let name = names[index]
                var plan = try CohortPlan(db, shared: shared, profiles: profiles[index], library: library, batch: id, person: person)
                let chunks = ScoringChunks(
                    scorer: scorer, codes: plan.codes, profiles: plan.profiles, target: nil, keep: { keep($0, name) }, progress: nil,
                    people: plan.evidence.count, writesResults: false)
                defer { chunks.waitForAll() }
                do {
                    try stream(db, plan: &plan, through: chunks, chunkSize: chunkSize) { try chunks.drainFinished { _, _ in } }
                } catch let damage as DamagedSheet {
                    throw plan.damaged(damage, store: path)
                }
                scored.append((name, chunks.kept(in: order)))
            }
            return scored
        }
    }

    /// Takes `value` and frees it on another thread, for a large value whose freeing would hold up this one.
    static func freeElsewhere<Value: Sendable & RangeReplaceableCollection>(_ value: inout Value) {
        var taken = Value()
        swap(&taken, &value)
        DispatchQueue.global(qos: .utility).async { [taken] in _ = taken.count }
    }
}
