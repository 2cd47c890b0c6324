import ArgumentParser
import Foundation
import MeritCore
import MeritIO
import MeritJob
import MeritReports

/// `merit evidence`: the agency's merit-system evidence (see `MeritEvidence`), figures only, or with the
/// talent pools' names for HR (`--names`).
struct EvidenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Write the merit-system evidence: standards, valid profiles, plans, talent pools and successors of key positions, gaps.")

    @Flag(help: "HR's variant: list each key position's talent pool by NIP and name.")
    var names = false

    @OptionGroup var privacy: SmallGroupOptions

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Formats: html, markdown, csv, xlsx (default: html and csv).", valueName: "format"))
    var format: [String] = ["html", "csv"]

    @Option(help: ArgumentHelp("The day validity is judged at (default: today).", valueName: "yyyy-mm-dd"))
    var referenceDate: CalendarDate?

    @OptionGroup var library: LibraryOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: ReportOptions

    static let formats: [ReportFormatKind] = [.html, .markdown, .csv, .xlsx]

    func validate() throws {
        try privacy.validate()
        _ = try ReportOptions.kinds(format, allowed: Self.formats)
    }

    func run() async throws {
        let library = try library.load()
        let reports = try output.reports(library: library)
        let scored = try await ScoredCohort.open(library: library, store: storeOptions.openWithAssessments(), referenceDate: referenceDate ?? .today)
        let evidence = scored.evidence(minimumGroupSize: privacy.minimum(for: library))
        let stem = names ? "bukti-merit-hr" : "bukti-merit"
        for kind in try ReportOptions.kinds(format, allowed: Self.formats) {
            let name = "\(stem).\(kind.fileExtension)"
            if kind == .xlsx {
                let table = reports.evidenceTable(evidence, withNames: names)
                print(try output.write(Data(try reports.workbook(table, title: "title_evidence")), to: name, in: "evidence"))
                continue
            }
            print(try output.write(try reports.render(evidence: evidence, as: kind, withNames: names, generatedOn: scored.referenceDate), to: name, in: "evidence"))
        }
    }
}
