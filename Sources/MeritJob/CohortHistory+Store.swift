import MeritCore
import MeritIO

extension CohortHistory {
    /// Every stored batch, oldest first, its participants scored on that batch's own evidence with the
    /// profile they had then (`MeritStore.scoreBatches`: streamed, a few chunks of ratings in memory at a
    /// time). With `nip`, that person's assessments only.
    public init(library: Library, store: MeritStore, referenceDate: CalendarDate, nip: String? = nil) throws {
        var scored = try store.scoreBatches(library: library, scorer: CohortScorer(library: library, referenceDate: referenceDate), nip: nip) {
            Assessment($0, batch: $1)
        }
        // Handed over, not shared, so that the history can move each assessment instead of copying it.
        var assessments: [[Assessment]] = []
        for index in scored.indices {
            assessments.append([])
            swap(&assessments[index], &scored[index].kept)
        }
        self.init(batches: scored.map(\.batch), assessments: consume assessments)
    }

    /// One batch's assessments (of one person, with `nip`); nil when the store has no such batch.
    public static func assessments(
        of batch: String, library: Library, store: MeritStore, referenceDate: CalendarDate, nip: String? = nil
    ) throws -> [Assessment]? {
        guard let cohort = try store.loadCohort(library: library, batch: batch, nip: nip) else { return nil }
        return CohortScorer(library: library, referenceDate: referenceDate).score(cohort.evidence, profiles: cohort.profiles, threads: 2)
            .map { Assessment($0, batch: batch) }
    }
}
