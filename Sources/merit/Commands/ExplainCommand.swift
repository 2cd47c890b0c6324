import ArgumentParser
import Foundation
import MeritCore
import MeritIO
import MeritJob
import MeritReports

/// `merit explain NIP`: how one person's result came about — every rating, mean, weight, rounding and
/// override behind each level, and the JPM's sum and rules.
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Show the working behind one person's levels, JPM and categories.")

    @Argument(help: ArgumentHelp("The person's NIP.", valueName: "nip"))
    var nip: String

    @Option(help: ArgumentHelp("Explain against this position instead of the person's own.", valueName: "id"))
    var position: String?

    @Option(help: ArgumentHelp("The day validity is judged at (default: today).", valueName: "yyyy-mm-dd"))
    var referenceDate: CalendarDate?

    @Option(help: ArgumentHelp("id or en.", valueName: "language"))
    var language = "id"

    @Option(help: ArgumentHelp("Templates folder (default: ./Reports/templates, else the built-in ones).", valueName: "dir"))
    var templates: String?

    @OptionGroup var library: LibraryOptions
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let library = try library.load()
        let target = try position.map { try LibraryOptions.position($0, in: library) }
        let reports: Reports
        do {
            let folder = templates ?? (FileManager.default.fileExists(atPath: "./Reports/templates") ? "./Reports/templates" : nil)
            reports = try Reports(library: library, language: language, templates: ReportTemplates(folder: folder))
        } catch {
            Terminal.error("merit: error: \(error)")
            throw ExitStatus.dataError
        }
        let scored = try await ScoredCohort.open(library: library, store: storeOptions.openWithAssessments(), referenceDate: referenceDate ?? .today, target: target)
        guard let result = scored.results.first(where: { $0.evidence.nip == nip }) else {
            Terminal.error("merit: error: no assessment stored for NIP \(nip)")
            throw ExitStatus.dataError
        }
        guard let plan = scored.plans[nip],
            let document = reports.planDocument(for: result, plan: plan, batch: scored.batches[nip] ?? "", generatedOn: scored.referenceDate)
        else {
            Terminal.error("merit: error: \(nip) has no position to be measured against; import their profile, or give --position")
            throw ExitStatus.dataError
        }
        print(reports.explanation(document), terminator: "")
    }
}
