import Foundation
import MeritAccounts
import MeritCore
import MeritIO
import MeritJob
import MeritReports

/// What the pages read and change: the library, the store and its accounts, the reports. Routes stay thin
/// over it; every rule is in MeritCore and every store operation in MeritIO.
public struct MeritSite: Sendable {
    public let library: Library
    public let store: MeritStore
    public let reports: Reports
    public let accounts: AccountService
    public let sessions: Sessions
    public let limiter: SignInLimiter
    /// The day validity is judged at (today, unless a test fixes it).
    public var referenceDate: @Sendable () -> CalendarDate

    public init(
        library: Library, store: MeritStore, reports: Reports, accounts: AccountService, sessions: Sessions = Sessions(),
        limiter: SignInLimiter = SignInLimiter(), referenceDate: @escaping @Sendable () -> CalendarDate = { .today }
    ) {
        self.library = library
        self.store = store
        self.reports = reports
        self.accounts = accounts
        self.sessions = sessions
        self.limiter = limiter
        self.referenceDate = referenceDate
    }

    /// Everyone stored, scored at the reference date.
    func scored() throws -> ScoredCohort {
        try ScoredCohort(library: library, store: store, referenceDate: referenceDate())
    }

    /// People whose NIP, name, unit or position contains `query` (case-insensitive), by name.
    func people(matching query: String) throws -> [PersonProfile] {
        let needle = query.trimmingCharacters(in: .whitespaces).lowercased()
        let profiles = try scored().cohort.profiles.values.sorted { ($0.name, $0.nip) < ($1.name, $1.nip) }
        guard !needle.isEmpty else { return profiles }
        return profiles.filter { profile in
            let position = library.positions[profile.position]?.title ?? profile.position
            return [profile.nip, profile.name, profile.unit, position].contains { $0.lowercased().contains(needle) }
        }
    }

    /// One person's development plan as HTML; nil for a NIP not stored or without a plan.
    func planHTML(nip: String) throws -> String? {
        let scored = try scored()
        guard let result = scored.results.first(where: { $0.evidence.nip == nip }), let plan = scored.plans[nip],
            let document = reports.planDocument(for: result, plan: plan, batch: scored.batches[nip] ?? "", generatedOn: scored.referenceDate)
        else { return nil }
        return try reports.render(plan: document, as: .html)
    }

    /// The gap summary by unit as HTML (small groups withheld as in the reports).
    func gapsHTML() throws -> String {
        let scored = try scored()
        let summary = GapSummarizer(library: library).summarize(scored.results, plans: scored.plans, by: .unit)
        return try reports.render(gaps: summary, as: .html, generatedOn: scored.referenceDate)
    }
}
