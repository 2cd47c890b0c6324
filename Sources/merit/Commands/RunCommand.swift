import ArgumentParser
import Foundation
import MeritCore
import MeritIO
import MeritReports
import MeritYAML

/// `merit run DIR`: the whole job — import a folder of files, score, and write every report.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Import every record file in a folder, score everyone, and write plans, gap summaries and the talent map.")

    @Argument(help: ArgumentHelp("The folder of profiles, ratings, tests and levels files.", valueName: "dir"))
    var folder: String

    @OptionGroup var flags: ImportFlags

    @Option(help: ArgumentHelp("The day validity is judged at (default: today).", valueName: "yyyy-mm-dd"))
    var referenceDate: CalendarDate?

    @OptionGroup var library: LibraryOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: ReportOptions

    func run() throws {
        let library = try library.load()
        let reports = try output.reports(library: library)
        let listing = try Self.recordFiles(in: folder)
        for note in listing.notes { Terminal.error(note.description) }
        guard listing.refused.isEmpty else {
            Diagnostics.print(listing.refused)
            print("Nothing imported; no reports written. Move the files Merit cannot read out of \(folder), and run again.")
            throw ExitStatus.dataError
        }
        guard !listing.files.isEmpty else {
            Terminal.error("\(folder): error: no record files here (CSV, .xlsx, .ods, YAML or JSON)")
            throw ExitStatus.dataError
        }
        let files = listing.files
        let store = try storeOptions.open()
        let progress = PhaseProgress(label: "merit run")
        progress.start("importing \(files.count) file\(files.count == 1 ? "" : "s")")
        let result = try Importer(library: library, store: store).run(files, options: flags.options())
        progress.finish()
        for file in result.files {
            Diagnostics.print(file.findings)
            print(ImportCommand.line(file, committed: result.committed))
        }
        guard result.committed else {
            let conflicts = result.findings.contains { $0.message.contains("use --replace") }
            print("Nothing imported; no reports written. Fix the files above and run again\(conflicts && !flags.replace ? " (with --replace to replace the stored values that conflict)" : "").")
            throw ExitStatus.dataError
        }
        progress.start("scoring")
        let scored = try ScoredCohort(library: library, store: store, referenceDate: referenceDate ?? .today)
        try store.saveResults(scored.results, library: library, referenceDate: scored.referenceDate)
        var written: [String: Int] = [:]
        let documents = scored.results.compactMap { result in
            scored.plans[result.evidence.nip].flatMap { plan in
                reports.planDocument(for: result, plan: plan, batch: scored.batches[result.evidence.nip] ?? flags.batch, generatedOn: scored.referenceDate)
            }
        }
        written["plans"] = try output.writePlans(documents, as: [.html, .markdown, .yaml], with: reports, progress: progress).count
        progress.start("summaries", total: GapGrouping.allCases.count * 4 + 6)
        let summarizer = GapSummarizer(library: library)
        for grouping in GapGrouping.allCases {
            let summary = summarizer.summarize(scored.results, plans: scored.plans, by: grouping)
            for kind in [ReportFormatKind.html, .markdown, .csv, .json] {
                try output.write(try reports.render(gaps: summary, as: kind, generatedOn: scored.referenceDate), to: "gaps-\(grouping.rawValue).\(kind.fileExtension)", in: "gaps")
                written["gaps", default: 0] += 1
                progress.advance()
            }
        }
        for names in [true, false] {
            let grid = TalentGrid(
                scored.results, settings: library.scoring.nineBox, withNames: names, minimumGroupSize: library.scoring.minimumGroupSize)
            for kind in [ReportFormatKind.html, .csv, .json] {
                try output.write(
                    try reports.render(talent: grid, profiles: scored.cohort.profiles, as: kind, withNames: names, generatedOn: scored.referenceDate),
                    to: "talent\(names ? "-names" : "-counts").\(kind.fileExtension)", in: "talent")
                written["talent", default: 0] += 1
                progress.advance()
            }
        }
        progress.finish()
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

    /// What a folder holds: the record files to import, the files Merit will not read and why (each an
    /// error: nothing in the folder is skipped unseen), and notes on what is passed over on purpose
    /// (hidden files, a README, subfolders).
    struct Listing {
        var files: [String] = []
        var refused: [Finding] = []
        var notes: [Finding] = []
    }

    static func recordFiles(in folder: String) throws -> Listing {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            Terminal.error("\(folder): error: the folder cannot be read")
            throw ExitStatus.ioError
        }
        var listing = Listing()
        var passedOver: [String] = []
        for name in names.sorted() {
            let path = (folder as NSString).appendingPathComponent(name)
            let lower = name.lowercased()
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            if lower.hasPrefix(".~lock.") || lower.hasPrefix("~$") {
                let workbook = lower.hasPrefix("~$") ? String(name.dropFirst(2)) : String(name.dropFirst(7).dropLast(name.hasSuffix("#") ? 1 : 0))
                listing.notes.append(
                    Finding(.warning, at: .file(path), "'\(workbook)' is open in a spreadsheet program: save and close it there, or what is imported may not be what you see"))
            } else if name.hasPrefix(".") {
                passedOver.append(name)
            } else if isFolder.boolValue {
                passedOver.append(name + "/")
            } else if lower.hasPrefix("readme") {
                passedOver.append(name)
            } else if RecordFile.extensions.contains(where: lower.hasSuffix) {
                listing.files.append(path)
            } else {
                listing.refused.append(
                    Finding(.error, at: .file(path), "Merit cannot read this file as records (CSV, .xlsx, .ods, YAML or JSON); move it out of the folder"))
            }
        }
        if !passedOver.isEmpty {
            listing.notes.append(Finding(.note, at: .file(folder), "not read: \(passedOver.joined(separator: ", ")) (hidden files, subfolders and READMEs are not records)"))
        }
        return listing
    }
}
