import MeritCore
import MeritIO

/// The scored cohort and drafted plans the report commands start from.
public struct ScoredCohort: Sendable {
    public let library: Library
    public let cohort: StoredCohort
    public let results: [PersonResult]
    public let plans: [String: DevelopmentPlan]
    public let batches: [String: String]
    public let referenceDate: CalendarDate

    /// Scores everyone stored (notes on what the store holds are in `cohort.notes`).
    public init(library: Library, store: MeritStore, referenceDate: CalendarDate, target: PositionStandard? = nil) throws {
        self.library = library
        self.referenceDate = referenceDate
        cohort = try store.loadCohort(library: library)
        results = CohortScorer(library: library, referenceDate: referenceDate)
            .score(cohort.evidence, profiles: cohort.profiles, target: target, threads: 2)
        let planner = DevelopmentPlanner(library: library)
        var plans: [String: DevelopmentPlan] = [:]
        for result in results {
            if let match = result.match { plans[result.evidence.nip] = planner.plan(for: match, profile: result.profile, year: referenceDate.year) }
        }
        self.plans = plans
        batches = cohort.batches
    }
}
