import ArgumentParser
import Foundation
import MeritBenchmarks

extension BenchCommand {
    /// Rater statistics of one large batch, in memory.
    struct RatersBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "raters", abstract: "Rater agreement and assessor quality of one large batch (in memory).")

        @OptionGroup var library: LibraryOptions

        @Option(help: "Participants in the batch.")
        var people = 100_000

        @Option(help: "Timed runs (the median is reported).")
        var runs = 3

        func run() throws {
            let result = RaterBenchmark(library: try library.load(), people: people, runs: runs).run()
            print("Rater statistics: \(result.people) participants, \(result.ratings) ratings, \(result.assessors) assessors, median of \(runs) runs")
            print(String(format: "  agreement (ICC, alpha, pairs; every scope)  %7.3f s (target < 2 s with the assessors)", result.agreement.median))
            print(String(format: "  assessors (leniency, spread, halo)          %7.3f s", result.assessorQuality.median))
        }
    }
}
