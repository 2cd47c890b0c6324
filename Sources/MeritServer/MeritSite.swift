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
    public let store: any RecordStore
    public let reports: Reports
    public let accounts: AccountService
    public let sessions: Sessions
    public let limiter: SignInLimiter
    public let cohort: CohortCache
    public let uploads: UploadService
    /// The audit log's writer (entries of pages served at once are committed together).
    public let audit: AuditRecorder
    /// The day validity is judged at (today, unless a test fixes it).
    public var referenceDate: @Sendable () -> CalendarDate
    /// Prints a report's HTML to PDF (Chromium, set by `merit serve` when one is installed).
    public var printPDF: (@Sendable (String) throws -> Data)?
    /// The pages' texts, in the reports' language.
    public let text: SiteText
    /// The folder the library was loaded from, which the admin's library check loads again (`merit serve
    /// --instruments`); nil when the library was given in memory.
    public var libraryFolder: String?
    /// The library folder every agency shares, loaded with `libraryFolder` (`merit serve --shared-instruments`).
    public var sharedLibraryFolder: String?
    /// Whether the session cookie is marked `Secure` (served behind TLS: `merit serve --secure-cookies`).
    public var secureCookies: Bool

    public init(
        library: Library, store: any RecordStore, reports: Reports, accounts: AccountService, sessions: Sessions = Sessions(),
        limiter: SignInLimiter = SignInLimiter(), uploadLimit: Int = 64 << 20, uploadFolder: String? = nil, secureCookies: Bool = false,
        referenceDate: @escaping @Sendable () -> CalendarDate = { .today }
    ) {
        self.library = library
        self.store = store
        self.reports = reports
        text = SiteText(reports: reports)
        self.accounts = accounts
        self.sessions = sessions
        self.limiter = limiter
        self.referenceDate = referenceDate
        self.secureCookies = secureCookies
        cohort = CohortCache(library: library, store: store, referenceDate: referenceDate)
        // Beside a SQLite file by default; a PostgreSQL store has no file to be beside (`merit serve --uploads`).
        uploads = UploadService(
            library: library, reports: reports, store: store, folder: uploadFolder ?? store.name + ".uploads", limit: uploadLimit)
        audit = AuditRecorder(store: store)
    }

    /// What the person list can be narrowed to, besides the search text.
    struct PeopleFilter: Sendable {
        var query = ""
        /// A mapping category's id (`optimal`), or `undecided`.
        var category = ""
        var box: Int?
        /// `valid`, `expired` or `undated`.
        var validity = ""
    }

    /// One row of the person list.
    struct PersonRow: Sendable {
        var profile: PersonProfile
        var positionTitle: String
        var category: String
        var box: Int?
        var validity: String
    }

    /// People whose NIP, name, unit or position contains the query (case-insensitive), narrowed by the
    /// filters, by name.
    func people(_ filter: PeopleFilter) async throws -> [PersonRow] {
        let entry = try await cohort.entry()
        let needle = filter.query.trimmingCharacters(in: .whitespaces).lowercased()
        var rows: [PersonRow] = []
        for profile in entry.byName {
            let positionTitle = library.positions[profile.position]?.title ?? profile.position
            if !needle.isEmpty, ![profile.nip, profile.name, profile.unit, positionTitle].contains(where: { $0.lowercased().contains(needle) }) {
                continue
            }
            let match = entry.scored.resultIndex[profile.nip].flatMap { entry.scored.results[$0].match }
            let category = match.map { $0.isDecided ? ($0.category("mapping")?.band.id ?? "") : "undecided" } ?? ""
            let validity = match.map { $0.validity.isUndated ? "undated" : $0.validity.isExpired ? "expired" : "valid" } ?? ""
            let row = PersonRow(profile: profile, positionTitle: positionTitle, category: category, box: match?.talent.box?.number, validity: validity)
            if !filter.category.isEmpty && row.category != filter.category { continue }
            if let box = filter.box, row.box != box { continue }
            if !filter.validity.isEmpty && row.validity != filter.validity { continue }
            rows.append(row)
        }
        return rows
    }

    /// One person's development plan (with HR's latest saved version); nil for a NIP without a plan.
    func planDocument(nip: String) async throws -> PlanDocument? {
        let entry = try await cohort.entry()
        return try entry.scored.planDocument(nip, reports: reports)
    }

    /// The gap summary by `grouping` (small groups withheld as in the reports).
    func gapSummary(by grouping: GapGrouping) async throws -> (GapSummary, CalendarDate) {
        let scored = try await cohort.entry().scored
        return (GapSummarizer(library: library).summarize(scored.results, plans: scored.plans, by: grouping), scored.referenceDate)
    }

    /// The 9-box: with names for HR, counts only (small boxes withheld) for the training unit.
    func talentGrid(withNames: Bool) async throws -> (TalentGrid, ScoredCohort) {
        let scored = try await cohort.entry().scored
        let grid = TalentGrid(scored.results, settings: library.scoring.nineBox, withNames: withNames, minimumGroupSize: library.scoring.minimumGroupSize)
        return (grid, scored)
    }

    /// The ranked candidates for one position (the rule that breaks ties is `Shortlist.rule`).
    func shortlist(_ standard: PositionStandard, top: Int) async throws -> ResultTable {
        let scored = try await cohort.entry().scored
        let scorer = CohortScorer(library: library, referenceDate: scored.referenceDate)
        let pool = CandidatePool(scorer: scorer.scorer, candidates: scored.results.map { ($0.levels, $0.profile) })
        return ResultTables.shortlist(pool.shortlist(standard, top: top), profiles: scored.cohort.profiles, byPosition: true)
    }
}
