import MeritCore
import MeritIO

extension CohortHistory {
    /// Every stored batch, oldest first, its participants scored on that batch's own evidence with the
    /// profile they had then (`MeritStore.loadCohort(library:batch:)`): one batch in memory at a time.
    public init(library: Library, store: MeritStore, referenceDate: CalendarDate) throws {
        let names = try store.batchNames()
        var assessments: [[Assessment]] = []
        for name in names {
            if let batch = try Self.assessments(of: name, library: library, store: store, referenceDate: referenceDate) { assessments.append(batch) }
        }
        self.init(batches: names, assessments: assessments)
    }

    /// One batch's assessments; nil when the store has no such batch.
    public static func assessments(of batch: String, library: Library, store: MeritStore, referenceDate: CalendarDate) throws -> [Assessment]? {
        guard let cohort = try store.loadCohort(library: library, batch: batch) else { return nil }
        return CohortScorer(library: library, referenceDate: referenceDate).score(cohort.evidence, profiles: cohort.profiles, threads: 2)
            .map { Assessment($0, batch: batch) }
    }
}
