import MeritCore
import MeritIO

extension CohortHistory {
    /// Every stored batch, oldest first, its participants scored on that batch's own evidence with the
    /// profile they had then (`MeritStore.loadCohort(library:batch:)`): one batch in memory at a time.
    /// With `nip`, that person's assessments only (each batch read for them alone).
    public init(library: Library, store: MeritStore, referenceDate: CalendarDate, nip: String? = nil) throws {
        let names = try store.batchNames()
        var assessments: [[Assessment]] = []
        for name in names {
            if let batch = try Self.assessments(of: name, library: library, store: store, referenceDate: referenceDate, nip: nip) { assessments.append(batch) }
        }
        self.init(batches: names, assessments: assessments)
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
