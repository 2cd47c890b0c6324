import ArgumentParser
import Foundation
import MeritCore
import MeritIO
import MeritJob

/// `merit score`: integrate and score every stored person, store the results, print them.
struct ScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score every stored person against their position (or one target) and store the results.")

    @Option(help: ArgumentHelp("Score everyone against this position instead of their own.", valueName: "id"))
    var position: String?

    @Option(help: "table (on a terminal), csv, json or xlsx (a workbook, to a file: > hasil.xlsx).")
    var format: OutputFormat?

    func validate() throws {
        try OutputFormat.check(format)
    }

    @Option(help: ArgumentHelp("The day validity is judged at (default: today).", valueName: "yyyy-mm-dd"))
    var referenceDate: CalendarDate?

    @OptionGroup var library: LibraryOptions
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let library = try library.load()
        let target = try position.map { try LibraryOptions.position($0, in: library) }
        let progress = Progress(label: "score")
        let referenceDate = referenceDate ?? .today
        let rows = try await storeOptions.withRecords(writing: true, assessments: true) { store in
            // Streaming: the cohort's ratings are never all in memory, and of each result only its row is
            // kept (issue 15).
            let scored = try store.scoreStored(
                library: library, scorer: CohortScorer(library: library, referenceDate: referenceDate), target: target,
                keep: { ResultTables.scoreRow($0, library: library) }
            ) { done in progress.update("\(done) people scored") }
            for note in scored.notes { Terminal.error("\(store.path): note: \(note)") }
            return scored.kept
        }
        progress.finish()
        try Ranking.print(ResultTables.scores(rows: rows), format: format)
        if Terminal.stdoutIsTerminal || format == .table {
            print("\(rows.count) people scored and stored in \(storeOptions.store)")
        }
    }
}
