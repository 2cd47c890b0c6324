import ArgumentParser
import Foundation
import MeritBenchmarks

extension BenchCommand {
    /// The national case: millions of people in hundreds of agencies, streamed agency by agency.
    struct NationalBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "national",
            abstract: "Six million simulated people in 550 agencies: each generated, imported and scored in its own store.")

        @OptionGroup var library: LibraryOptions

        @Option(help: "People in all agencies together.")
        var people = 6_000_000

        @Option(help: "Agencies (a few large ministries, many small local governments).")
        var agencies = 550

        @Flag(help: "Print the figures as JSON.")
        var json = false

        func validate() throws {
            guard people > 0, agencies > 0 else { throw ValidationError("--people and --agencies must be at least 1") }
        }

        func run() throws {
            let progress = Progress(label: "bench")
            let result = try NationalBenchmark(library: try library.load(), people: people, agencies: agencies).run { progress.update($0) }
            progress.finish()
            if json { return try BenchCommand.printJSON(result) }
            print("merit bench national: \(result.people) people in \(result.agencies) agencies (largest \(result.largestAgency)), \(result.ratingRows) rating rows")
            print(String(format: "  generate the agencies' files  %9.1f s (not Merit's work: the files come from assessors)", result.generateSeconds))
            print(String(format: "  import                        %9.1f s  %10.0f people/s", result.importSeconds, Double(result.people) / result.importSeconds))
            print(String(format: "  score (streamed) and store    %9.1f s  %10.0f people/s", result.scoreSeconds, Double(result.people) / result.scoreSeconds))
            print(String(format: "  import + score                %9.1f s (goal < 600 s); %d people scored; peak memory %.0f MB (goal < 4,096)",
                result.importAndScoreSeconds, result.scored, result.peakMemoryMB))
        }
    }
}
