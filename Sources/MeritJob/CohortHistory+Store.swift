import MeritCore
import MeritIO

extension CohortHistory {
    /// Every stored batch, oldest first, its participants scored on that batch's own evidence with the
    /// profile they had then (`MeritStore.loadCohort(library:batch:)`): one batch in memory at a time.
    public init(library: Library, store: MeritStore, referenceDate: CalendarDate) throws {
        let names = try store.batchNames()
        let scorer = CohortScorer(library: library, referenceDate: referenceDate)
        var assessments: [[Assessment]] = []
        for name in names {
            guard let cohort = try store.loadCohort(library: library, batch: name) else { continue }
            assessments.append(scorer.score(cohort.evidence, profiles: cohort.profiles, threads: 2).map { Assessment($0, batch: name) })
        }
        self.init(batches: names, assessments: assessments)
    }
}
