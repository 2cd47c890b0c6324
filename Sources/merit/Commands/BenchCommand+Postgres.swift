import ArgumentParser
import Foundation
import MeritBenchmarks

extension BenchCommand {
    /// `merit bench postgres`: the 100,000-person import into PostgreSQL against SQLite, and two
    /// half-size imports into two agencies at once (issue 14's speed figures).
    struct PostgresBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "postgres",
            abstract: "Import a cohort into PostgreSQL (against SQLite), and two half-size cohorts into two agencies at once.",
            discussion: "It adds agencies named bench-… to the store: run it on a throwaway cluster (scripts/postgres-cluster start DIR).")

        @OptionGroup var library: LibraryOptions

        @Option(help: ArgumentHelp("The schema's owner: migrates the store and adds the agencies.", valueName: "postgres://OWNER@HOST:PORT/DB"))
        var owner: String

        @Option(help: ArgumentHelp("The application's role: the imports connect as it.", valueName: "postgres://APP@HOST:PORT/DB"))
        var store: String

        @Option(help: "Participants (default 100,000; --quick: 2,000); the two imports at once take half each.")
        var people: Int?

        @Option(help: "Paired runs, SQLite then PostgreSQL (the median is reported).")
        var runs = 1

        @Flag(help: "A small, fast run.")
        var quick = false

        @Flag(help: "Print the figures as JSON.")
        var json = false

        func validate() throws {
            guard runs > 0 else { throw ValidationError("--runs must be at least 1") }
        }

        func run() throws {
            let progress = Progress(label: "bench")
            let benchmark = PostgresBenchmark(
                library: try library.load(), instruments: library.instruments, merit: CommandLine.arguments[0], owner: owner, store: store,
                people: people ?? (quick ? 2_000 : 100_000), runs: runs)
            let result: PostgresBenchmark.Result
            do {
                result = try benchmark.run { progress.update($0) }
            } catch {
                progress.finish()
                Terminal.error("merit bench postgres: error: \(error)")
                throw ExitStatus.ioError
            }
            progress.finish()
            if json { return try BenchCommand.printJSON(result) }
            print("merit bench postgres: \(result.people) people, \(result.ratings) ratings; \(runs) paired run(s), medians")
            let ratings = Double(result.ratings)
            print(String(format: "  merit import into SQLite       %7.2f s  %10.0f ratings/s", result.sqliteSeconds, ratings / result.sqliteSeconds))
            print(String(format: "  merit import into PostgreSQL   %7.2f s  %10.0f ratings/s", result.postgresSeconds, ratings / result.postgresSeconds))
            for name in ["load", "working copy", "write", "copy ratings", "land ratings"] {
                let phase = result.postgresPhase(name)
                let rate = phase.rows > 0 ? String(format: "  %10.0f rows/s", phase.rowsPerSecond) : ""
                print("    " + name.padding(toLength: 28, withPad: " ", startingAt: 0) + String(format: "%7.2f s", phase.seconds) + rate)
            }
            print("  two imports of \(result.togetherPeople / 2) people into two agencies at once:")
            for (index, run) in result.together.enumerated() {
                let copy = run.phase("copy ratings").map { String(format: ", COPY %.0f rows/s", $0.rowsPerSecond) } ?? ""
                print(String(format: "    agency %d   %7.2f s, peak %5.0f MB", index + 1, run.run.seconds, run.run.peakMB) + copy)
            }
            print(String(format: "    both stored after %.2f s: %.0f ratings/s together", result.togetherSeconds, Double(result.togetherRatings) / result.togetherSeconds))
        }
    }
}
