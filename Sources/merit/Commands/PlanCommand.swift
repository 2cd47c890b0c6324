import ArgumentParser
import Foundation
import MeritCore
import MeritIO
import MeritJob
import MeritReports
import MeritYAML

/// `merit plan`: individual development plans, as HTML and Markdown to read and YAML/JSON to edit.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Write individual development plans (HTML, Markdown, and YAML/JSON drafts HR can edit).",
        discussion: "An edited draft is rendered again with: merit plan --from EDITED.yaml")

    @Argument(help: ArgumentHelp("NIPs of the people to plan for.", valueName: "nip"))
    var nips: [String] = []

    @Flag(help: "Plan for every assessed person.")
    var all = false

    @Option(help: ArgumentHelp("Render this edited draft (YAML or JSON) instead of drafting.", valueName: "file"))
    var from: String?

    @Option(help: ArgumentHelp("Plan against this position instead of each person's own.", valueName: "id"))
    var position: String?

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp("Formats: html, markdown, yaml, json (default: html markdown yaml).", valueName: "format"))
    var format: [String] = ["html", "markdown", "yaml"]

    @Option(help: ArgumentHelp("The day validity is judged at (default: today).", valueName: "yyyy-mm-dd"))
    var referenceDate: CalendarDate?

    @OptionGroup var library: LibraryOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: ReportOptions

    func validate() throws {
        if from == nil && nips.isEmpty && !all { throw ValidationError("name NIPs, or give --all or --from FILE") }
        _ = try ReportOptions.kinds(format, allowed: ReportOptions.planFormats, what: "plan format")
    }

    func run() async throws {
        let library = try library.load()
        let reports = try output.reports(library: library)
        let kinds = try ReportOptions.kinds(format, allowed: ReportOptions.planFormats, what: "plan format")
        if let from { return try await renderEdited(from, library: library, kinds: kinds) }
        let target = try position.map { try LibraryOptions.position($0, in: library) }
        let scored = try await ScoredCohort.open(library: library, store: storeOptions.openWithAssessments(), referenceDate: referenceDate ?? .today, target: target, withHistory: true)
        let chosen = all ? scored.results : scored.results.filter { nips.contains($0.evidence.nip) }
        let missing = Set(nips).subtracting(chosen.map(\.evidence.nip))
        for nip in missing.sorted() { Terminal.error("merit: error: no assessment stored for NIP \(nip)") }
        let documents = chosen.compactMap { result in
            scored.plans[result.evidence.nip].flatMap { plan -> PlanDocument? in
                var document = reports.planDocument(for: result, plan: plan, batch: scored.batches[result.evidence.nip] ?? "", generatedOn: scored.referenceDate)
                document?.history = scored.histories[result.evidence.nip].map(reports.historyEntries)
                return document
            }
        }
        let progress = PhaseProgress(label: "merit plan")
        let paths = try output.writePlans(documents, as: kinds, with: reports, progress: documents.count > 1 ? progress : nil)
        progress.finish()
        for path in paths { print(path) }
        if !missing.isEmpty { throw ExitStatus.dataError }
    }
}
