import ArgumentParser
import Foundation
import MeritCore
import MeritIO
import MeritJob
import MeritReports
import MeritYAML

/// `merit run DIR`: the whole job — import a folder of files, score, and write every report.
struct RunCommand: AsyncParsableCommand {
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

    func run() async throws {
        let library = try library.load()
        let reports = try output.reports(library: library)
        let listing: RecordFolder
        do {
            listing = try RecordFolder(folder)
        } catch {
            Terminal.error("\(error)")
            throw ExitStatus.ioError
        }
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
        let job = WholeJob(library: library, reports: reports, importOptions: flags.options(), referenceDate: referenceDate ?? .today)
        let files = FileReportOutput(options: output)
        let progress = RunProgress(phases: PhaseProgress(label: "merit run"))
        // Reports are written once the store has the rows they show (PostgreSQL: after the commit).
        let stored = try await storeOptions.withRecords(writing: true) { store in try job.stored(listing.files, store: store, progress: progress) }
        let outcome = try job.writeReports(stored, output: files, progress: progress)
        guard outcome.imported.committed else {
            let conflicts = outcome.imported.findings.contains { $0.message.contains("use --replace") }
            print("Nothing imported; no reports written. Fix the files above and run again\(conflicts && !flags.replace ? " (with --replace to replace the stored values that conflict)" : "").")
            throw ExitStatus.dataError
        }
        print("\(outcome.people) people scored; reports in \(output.out):")
        print("  plans/   \(outcome.written["plans"] ?? 0) files (HTML, Markdown, editable YAML per person)")
        print("  gaps/    \(outcome.written["gaps"] ?? 0) files (by unit, position, job level, competency)")
        print("  talent/  \(outcome.written["talent"] ?? 0) files (9-box with names for HR, counts only)")
        if let check = outcome.providerCheck {
            print("  provider-check.csv: \(VerifyCommand.summary(check))")
        }
    }
}

/// The whole job's reports as files under `--out` (with their PDFs under `--pdf`).
struct FileReportOutput: ReportOutput {
    let options: ReportOptions

    func write(_ data: Data, to name: String, in folder: String) throws -> [String] {
        try options.write(data, to: name, in: folder).split(separator: "\n").map(String.init)
    }
}

/// The phases on the terminal's progress line; the import's lines printed as soon as it ends.
struct RunProgress: JobProgress {
    let phases: PhaseProgress

    func start(_ phase: String, total: Int) { phases.start(phase, total: total) }
    func advance(by steps: Int) { phases.advance(by: steps) }
    func finish() { phases.finish() }

    func imported(_ result: ImportResult) {
        for file in result.files {
            Diagnostics.print(file.findings)
            print(ImportCommand.line(file, committed: result.committed))
        }
    }
}
