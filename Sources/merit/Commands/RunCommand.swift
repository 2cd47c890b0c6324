import ArgumentParser
import Foundation
import MeritCore
import MeritIO
import MeritReports

/// `merit run DIR`: the whole job — import a folder of files, score, and write every report.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Import every record file in a folder, score everyone, and write plans, gap summaries and the talent map.")

    @Argument(help: ArgumentHelp("The folder of profiles, ratings, tests and levels files.", valueName: "dir"))
    var folder: String

    @Option(help: "The batch of rows without a 'batch' column.")
    var batch = "default"

    @Option(help: ArgumentHelp("The day validity is judged at (default: today).", valueName: "yyyy-mm-dd"))
    var referenceDate: CalendarDate?

    @OptionGroup var library: LibraryOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: ReportOptions

    func run() throws {
        let library = try library.load()
        let reports = try output.reports(library: library)
        let files = try Self.recordFiles(in: folder)
        guard !files.isEmpty else {
            Terminal.error("\(folder): error: no .csv, .yaml or .json record files here")
            throw ExitStatus.dataError
        }
        let store = try storeOptions.open()
        let result = try Importer(library: library, store: store).run(files, options: ImportOptions(batch: batch))
        for file in result.files {
            Diagnostics.print(file.findings)
            print(ImportCommand.line(file, committed: result.committed))
        }
        guard result.committed else {
            print("Nothing imported; no reports written. Fix the files above and run again.")
            throw ExitStatus.dataError
        }
        let scored = try ScoredCohort(library: library, store: store, referenceDate: referenceDate ?? .today)
        try store.saveResults(scored.results, library: library, referenceDate: scored.referenceDate)
        var written: [String: Int] = [:]
        let documents = scored.results.compactMap { result in
            scored.plans[result.evidence.nip].flatMap { plan in
                reports.planDocument(for: result, plan: plan, batch: scored.batches[result.evidence.nip] ?? batch, generatedOn: scored.referenceDate)
            }
        }
        written["plans"] = try output.writePlans(documents, as: [.html, .markdown, .yaml], with: reports).count
        let summarizer = GapSummarizer(library: library)
        for grouping in GapGrouping.allCases {
            let summary = summarizer.summarize(scored.results, plans: scored.plans, by: grouping)
            for kind in [ReportFormatKind.html, .markdown, .csv, .json] {
                try output.write(try reports.render(gaps: summary, as: kind, generatedOn: scored.referenceDate), to: "gaps-\(grouping.rawValue).\(kind.fileExtension)", in: "gaps")
                written["gaps", default: 0] += 1
            }
        }
        for names in [true, false] {
            let grid = TalentGrid(scored.results, settings: library.scoring.nineBox, withNames: names)
            for kind in [ReportFormatKind.html, .csv, .json] {
                try output.write(
                    try reports.render(talent: grid, profiles: scored.cohort.profiles, as: kind, withNames: names, generatedOn: scored.referenceDate),
                    to: "talent\(names ? "-names" : "-counts").\(kind.fileExtension)", in: "talent")
                written["talent", default: 0] += 1
            }
        }
        print("\(scored.results.count) people scored; reports in \(output.out):")
        print("  plans/   \(written["plans"] ?? 0) files (HTML, Markdown, editable YAML per person)")
        print("  gaps/    \(written["gaps"] ?? 0) files (by unit, position, job level, competency)")
        print("  talent/  \(written["talent"] ?? 0) files (9-box with names for HR, counts only)")
        // A provider's results came with the levels: check them too.
        let claims = try store.providerClaims()
        if !claims.isEmpty {
            let outcome = ProviderCheck(library: library).compare(claims, results: scored.results, batches: scored.batches)
            _ = try output.write(ResultTables.providerCheck(outcome.disagreements).csv(), to: "provider-check.csv")
            print("  provider-check.csv: \(VerifyCommand.summary(outcome))")
        }
    }

    /// Record files in the folder (not its subfolders), sorted; README and other files are left alone.
    static func recordFiles(in folder: String) throws -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            Terminal.error("\(folder): error: the folder cannot be read")
            throw ExitStatus.ioError
        }
        return names.filter { name in
            let lower = name.lowercased()
            return !name.hasPrefix(".") && [".csv", ".tsv", ".yaml", ".yml", ".json"].contains { lower.hasSuffix($0) }
        }.sorted().map { (folder as NSString).appendingPathComponent($0) }
    }
}
