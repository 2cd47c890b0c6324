import Foundation
import MeritCore
import MeritIO
import MeritLibrary
import MeritReports

/// Where the whole job's reports go: the command line writes files (and PDFs), the server its store of
/// downloads. `name` is a plain file name made by Merit; `folder` one of `plans`, `gaps`, `talent` or "".
public protocol ReportOutput: Sendable {
    /// Writes one report; the paths it wrote (a PDF printed beside an HTML report is listed after it).
    func write(_ data: Data, to name: String, in folder: String) throws -> [String]
}

/// Told what the whole job is doing, phase by phase.
public protocol JobProgress: Sendable {
    func start(_ phase: String, total: Int)
    func advance(by steps: Int)
    func finish()
    /// The import's outcome, as soon as it is known (before scoring starts): its findings are worth
    /// showing at once, not after every report is written.
    func imported(_ result: ImportResult)
}

extension JobProgress {
    public func imported(_ result: ImportResult) {}
}

/// The whole job, as `merit run` and an upload on the server do it: import the record files all-or-nothing,
/// score everyone stored, save the results, and write every plan, gap summary and talent map.
public struct WholeJob: Sendable {
    public let library: Library
    public let reports: Reports
    public var importOptions: ImportOptions
    public var referenceDate: CalendarDate

    public init(library: Library, reports: Reports, importOptions: ImportOptions, referenceDate: CalendarDate) {
        self.library = library
        self.reports = reports
        self.importOptions = importOptions
        self.referenceDate = referenceDate
    }

    /// What the job did. When `imported.committed` is false nothing was stored and nothing written.
    public struct Outcome: Sendable {
        public var imported: ImportResult
        public var people = 0
        /// Files written per folder (`plans`, `gaps`, `talent`).
        public var written: [String: Int] = [:]
        /// The provider's levels checked against Merit's, when the store holds a provider's claims.
        public var providerCheck: ProviderCheck.Outcome?
        public var providerCheckPath: String?
        /// The store's change stamp after the import and before the scoring (`MeritStore.changeStamp`):
        /// the scored cohort is at least as new as it, so a cache may keep the cohort under it.
        public var stamp = ""
    }

    /// The plan formats the whole job writes per person, and those of each gap summary and talent map.
    public static let planFormats: [ReportFormatKind] = [.html, .markdown, .yaml]
    public static let gapFormats: [ReportFormatKind] = [.html, .markdown, .csv, .json]
    public static let talentFormats: [ReportFormatKind] = [.html, .csv, .json]

    /// What the job takes from the store: the outcome of the import, the scored cohort (nil when the import
    /// was refused) and the provider's claims to check, read in the store's transaction.
    public struct Stored: Sendable {
        public var outcome: Outcome
        public var scored: ScoredCohort?
        public var claims: [ProviderCheck.Claim]
    }

    public func run(_ files: [String], store: MeritStore, output: some ReportOutput, progress: some JobProgress) throws -> Outcome {
        try writeReports(try stored(files, store: store, progress: progress), output: output, progress: progress)
    }

    /// The store's part of the job: import, score, save the results, and read the provider's claims. A
    /// PostgreSQL store runs it in its transaction and the reports are written after the commit
    /// (`writeReports`), so no report is written of rows that were then not stored.
    public func stored(_ files: [String], store: MeritStore, progress: some JobProgress) throws -> Stored {
        let (outcome, scored) = try importAndScore(files, store: store, progress: progress)
        return Stored(outcome: outcome, scored: scored, claims: scored == nil ? [] : try store.providerClaims())
    }

    /// Every report of the scored cohort, and the provider's levels checked against Merit's when the
    /// store held a provider's claims; the outcome with the files written.
    public func writeReports(_ stored: Stored, output: some ReportOutput, progress: some JobProgress) throws -> Outcome {
        var outcome = stored.outcome
        guard let scored = stored.scored else { return outcome }
        outcome.written["plans"] = try writePlans(scored, output: output, progress: progress)
        progress.start("summaries", total: GapGrouping.allCases.count * Self.gapFormats.count + 2 * Self.talentFormats.count)
        outcome.written["gaps"] = try writeGapSummaries(scored, output: output, progress: progress)
        outcome.written["talent"] = try writeTalentMaps(scored, output: output, progress: progress)
        progress.finish()

        // A provider's results came with the levels: check them too.
        if !stored.claims.isEmpty {
            let check = ProviderCheck(library: library).compare(stored.claims, results: scored.results, batches: scored.batches)
            outcome.providerCheck = check
            outcome.providerCheckPath = try output.write(Data(ResultTables.providerCheck(check.disagreements).csv().utf8), to: "provider-check.csv", in: "").first
        }
        return outcome
    }

    /// The job up to the reports: import all-or-nothing, then score everyone stored and save the results.
    /// The scored cohort is nil when the import was refused (nothing stored). The server stops here: its
    /// pages and downloads render reports from the scored cohort when they are asked for.
    public func importAndScore(_ files: [String], store: MeritStore, progress: some JobProgress) throws -> (Outcome, ScoredCohort?) {
        progress.start("importing \(files.count) file\(files.count == 1 ? "" : "s")", total: 0)
        let imported = try Importer(library: library, store: store).run(files, options: importOptions)
        progress.finish()
        progress.imported(imported)
        var outcome = Outcome(imported: imported)
        guard imported.committed else { return (outcome, nil) }
        outcome.stamp = try store.changeStamp()

        progress.start("scoring", total: 0)
        let scored = try ScoredCohort(library: library, store: store, referenceDate: referenceDate, withHistory: true)
        try store.saveResults(scored.results, library: library, referenceDate: scored.referenceDate)
        progress.finish()
        outcome.people = scored.results.count
        return (outcome, scored)
    }

    /// Every plan in HTML, Markdown and editable YAML, two rendered at a time; the files written.
    func writePlans(_ scored: ScoredCohort, output: some ReportOutput, progress: some JobProgress) throws -> Int {
        let documents = try scored.results.compactMap { result in
            try scored.planDocument(for: result, reports: reports, defaultBatch: importOptions.batch)
        }
        progress.start("plans", total: documents.count * Self.planFormats.count)
        try reports.render(plans: documents, as: Self.planFormats, threads: 2) { document, kind, text in
            _ = try output.write(Data(text.utf8), to: "\(document.person.nip).\(kind.fileExtension)", in: "plans")
            progress.advance(by: 1)
        }
        return documents.count * Self.planFormats.count
    }

    /// The gap summaries by each grouping, in HTML, Markdown, CSV and JSON.
    func writeGapSummaries(_ scored: ScoredCohort, output: some ReportOutput, progress: some JobProgress) throws -> Int {
        let kinds = Self.gapFormats
        let summarizer = GapSummarizer(library: library)
        for grouping in GapGrouping.allCases {
            let summary = summarizer.summarize(scored.results, plans: scored.plans, by: grouping)
            for kind in kinds {
                let text = try reports.render(gaps: summary, as: kind, generatedOn: scored.referenceDate)
                _ = try output.write(Data(text.utf8), to: "gaps-\(grouping.rawValue).\(kind.fileExtension)", in: "gaps")
                progress.advance(by: 1)
            }
        }
        return GapGrouping.allCases.count * kinds.count
    }

    /// The 9-box with names (for HR) and counts only (small boxes withheld), in HTML, CSV and JSON.
    func writeTalentMaps(_ scored: ScoredCohort, output: some ReportOutput, progress: some JobProgress) throws -> Int {
        let kinds = Self.talentFormats
        for names in [true, false] {
            let grid = TalentGrid(
                scored.results, settings: library.scoring.nineBox, withNames: names, minimumGroupSize: library.scoring.minimumGroupSize)
            for kind in kinds {
                let text = try reports.render(
                    talent: grid, profiles: scored.cohort.profiles, as: kind, withNames: names, generatedOn: scored.referenceDate)
                _ = try output.write(Data(text.utf8), to: "talent\(names ? "-names" : "-counts").\(kind.fileExtension)", in: "talent")
                progress.advance(by: 1)
            }
        }
        return 2 * kinds.count
    }
}
