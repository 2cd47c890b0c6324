import ArgumentParser
import Foundation
import MeritCore
import MeritIO

/// `merit score`: integrate and score every stored person, store the results, print them.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score every stored person against their position (or one target) and store the results.")

    @Option(help: ArgumentHelp("Score everyone against this position instead of their own.", valueName: "id"))
    var position: String?

    @Option(help: "table (on a terminal), csv or json.")
    var format: OutputFormat?

    @Option(help: ArgumentHelp("The day validity is judged at (default: today).", valueName: "yyyy-mm-dd"))
    var referenceDate: CalendarDate?

    @OptionGroup var library: LibraryOptions
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let library = try library.load()
        var target: PositionStandard?
        if let position {
            guard let found = library.positions[position] else {
                Terminal.error("merit: error: unknown position '\(position)'")
                throw ExitStatus.dataError
            }
            target = found
        }
        let store = try storeOptions.open()
        let progress = Progress(label: "score")
        let cohort = try store.loadCohort(library: library)
        for note in cohort.notes { Terminal.error("\(storeOptions.store): note: \(note)") }
        let scorer = CohortScorer(library: library, referenceDate: referenceDate ?? .today)
        let results = scorer.score(cohort.evidence, profiles: cohort.profiles, target: target, threads: 2) { done in
            progress.update("\(done) of \(cohort.evidence.count) people")
        }
        try store.saveResults(results, library: library)
        progress.finish()
        let table = ResultTables.scores(results, library: library)
        switch format ?? (Terminal.stdoutIsTerminal ? .table : .csv) {
        case .table: print(table.text(), terminator: "")
        case .csv: print(table.csv(), terminator: "")
        case .json: print(table.json(), terminator: "")
        }
        if Terminal.stdoutIsTerminal || format == .table {
            print("\(results.count) people scored and stored in \(storeOptions.store)")
        }
    }
}
