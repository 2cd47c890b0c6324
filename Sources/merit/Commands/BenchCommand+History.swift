import ArgumentParser
import Foundation
import MeritBenchmarks

extension BenchCommand {
    /// History, movement and merit-system evidence of a cohort assessed over several years (issue 17).
    struct HistoryBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history", abstract: "History and movement over years, and the merit-system evidence with many key positions.")

        @OptionGroup var library: LibraryOptions

        @Option(help: "People, each assessed every year.")
        var people = 100_000

        @Option(help: "Yearly batches.")
        var years = 3

        @Option(help: "Key positions for the evidence (the library's varied).")
        var keyPositions = 1_000

        @Option(help: "Timed runs (the median is reported).")
        var runs = 3

        func run() throws {
            let progress = Progress(label: "bench history")
            let result = try HistoryBenchmark(library: try library.load(), people: people, years: years, keyPositions: keyPositions, runs: runs)
                .run { progress.update($0) }
            progress.finish()
            print("History: \(result.people) people over \(result.years) years (\(result.assessments) assessments), median of \(runs) runs")
            print(String(format: "  history (every batch scored)              %7.3f s", result.history.median))
            print(String(format: "  movement (matrix, movers, changes, roll-up) %7.3f s", result.movement.median))
            print(String(format: "  history + movement                        %7.3f s (target < 3 s)", result.history.median + result.movement.median))
            print(String(format: "  evidence (score + %d key positions)      %7.3f s (target < 10 s)", result.keyPositions, result.evidence.median))
            print(String(format: "  peak memory                               %7.0f MB", result.peakMemoryMB))
        }
    }
}
