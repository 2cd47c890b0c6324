import Foundation
import Synchronization
import MeritCore
import MeritIO
import MeritReports

/// The scored cohort and drafted plans the report commands start from.
public struct ScoredCohort: Sendable {
    public let library: Library
    public let cohort: StoredCohort
    public let results: [PersonResult]
    public let plans: [String: DevelopmentPlan]
    public let batches: [String: String]
    public let referenceDate: CalendarDate
    /// The latest plan HR saved on the server, by NIP (used for the person's current batch only).
    public let planVersions: [String: PlanVersion]
    /// Where each NIP's result is in `results`.
    public let resultIndex: [String: Int]
    /// Each person's assessments over the years (every batch scored on its own evidence), when the
    /// store holds more than one batch; empty otherwise.
    public let histories: [String: [Assessment]]

    /// Scores everyone stored (notes on what the store holds are in `cohort.notes`); `withHistory` also
    /// scores every earlier batch, for the plans' history (only when the store has more than one).
    public init(
        library: Library, store: MeritStore, referenceDate: CalendarDate, target: PositionStandard? = nil, withHistory: Bool = false
    ) throws {
        self.library = library
        self.referenceDate = referenceDate
        cohort = try store.loadCohort(library: library)
        results = CohortScorer(library: library, referenceDate: referenceDate)
            .score(cohort.evidence, profiles: cohort.profiles, target: target, threads: 2)
        self.plans = Self.plans(results, library: library, year: referenceDate.year)
        batches = cohort.batches
        planVersions = try store.latestPlanVersions()
        resultIndex = Dictionary(results.enumerated().map { ($1.evidence.nip, $0) }, uniquingKeysWith: { first, _ in first })
        histories = try withHistory && store.batchNames().count > 1
            ? CohortHistory(library: library, store: store, referenceDate: referenceDate).people : [:]
    }

    /// Everyone's drafted plan, on two threads (each drafts a contiguous half).
    static func plans(_ results: [PersonResult], library: Library, year: Int) -> [String: DevelopmentPlan] {
        let planner = DevelopmentPlanner(library: library)
        let parts = results.count >= 2_000 ? 2 : 1
        let drafted = Mutex([[(String, DevelopmentPlan)]](repeating: [], count: parts))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let range = (results.count * part / parts)..<(results.count * (part + 1) / parts)
            // By index, each result read in place (a closure per result copied it).
            var mine: [(String, DevelopmentPlan)] = []
            mine.reserveCapacity(range.count)
            for index in range where results[index].match != nil {
                mine.append((results[index].evidence.nip, planner.plan(for: results[index].match!, profile: results[index].profile, year: year)))
            }
            drafted.withLock { $0[part] = mine }
        }
        return Dictionary(drafted.withLock { $0.flatMap { $0 } }, uniquingKeysWith: { _, last in last })
    }

    /// One person's plan document: drafted from the store, with the latest version HR saved for the
    /// person's current assessment (a version saved for an earlier batch no longer applies: the gaps it
    /// answered have been re-assessed). Nil when the person has no plan.
    public func planDocument(_ nip: String, reports: Reports, defaultBatch: String = "") throws -> PlanDocument? {
        guard let index = resultIndex[nip] else { return nil }
        return try planDocument(for: results[index], reports: reports, defaultBatch: defaultBatch)
    }

    func planDocument(for result: PersonResult, reports: Reports, defaultBatch: String) throws -> PlanDocument? {
        let nip = result.evidence.nip
        let batch = batches[nip] ?? defaultBatch
        guard let plan = plans[nip], var fresh = reports.planDocument(for: result, plan: plan, batch: batch, generatedOn: referenceDate) else {
            return nil
        }
        fresh.history = histories[nip].map(reports.historyEntries)
        guard let saved = planVersions[nip], saved.batch == batch else { return fresh }
        let edit = try JSONDecoder().decode(PlanEdit.self, from: Data(saved.content.utf8))
        return edit.applied(to: fresh, editedOn: String(saved.savedAt.prefix(10)))
    }

}
