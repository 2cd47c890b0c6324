import MeritCore
import MeritIO

extension ScoredCohort {
    /// The merit-system evidence of the scored cohort: every stored person as an employee, each key
    /// position's best candidates through the shortlist (two threads), gaps by competency.
    public func evidence(minimumGroupSize: Int) -> MeritEvidence {
        let scorer = Scorer(library: library, referenceDate: referenceDate)
        let pool = CandidatePool(scorer: scorer, candidates: results.map { ($0.levels, $0.profile) })
        let shortlists = pool.shortlists(library.keyPositions, top: MeritEvidence.poolLimit, threads: 2)
        let gaps = GapSummarizer(library: library).summarize(results, plans: plans, by: .competency, minimumGroupSize: minimumGroupSize)
        return MeritEvidence(
            library: library, employees: Array(cohort.profiles.values), results: results, plans: plans, shortlists: shortlists, gaps: gaps,
            referenceDate: referenceDate)
    }
}
