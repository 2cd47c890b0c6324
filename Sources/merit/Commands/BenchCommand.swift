import ArgumentParser
import Foundation
import MeritBenchmarks
import MeritCore
import MeritIO

/// `merit bench`: where the project's speed targets are measured (build with `-c release`).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Merit's speed (use a release build: swift run -c release merit bench).",
        subcommands: [
            PipelineBench.self, YAMLBench.self, LibraryBench.self, ScoringBench.self, ReportsBench.self, WorkbookBench.self, PostgresBench.self,
            NationalBench.self, RatersBench.self, HistoryBench.self,
        ],
        defaultSubcommand: PipelineBench.self
    )

    /// A benchmark's figures as JSON, keys sorted.
    static func printJSON(_ result: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(result), as: UTF8.self))
    }

    /// The default: files → store → scores → shortlist, phase by phase.
    struct PipelineBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pipeline", abstract: "Generate a cohort and time CSV parse, import, scoring and shortlist.")

        @OptionGroup var library: LibraryOptions

        @Option(help: "Participants (default 100,000; --quick: 2,000).")
        var people: Int?

        @Option(help: "Positions in the shortlist phase (default 1,000; --quick: 50).")
        var positions: Int?

        @Flag(help: "A small, fast run.")
        var quick = false

        @Flag(help: "Print the figures as JSON.")
        var json = false

        func run() throws {
            let progress = Progress(label: "bench")
            let benchmark = PipelineBenchmark(
                library: try library.load(), people: people ?? (quick ? 2_000 : 100_000), positions: positions ?? (quick ? 50 : 1_000))
            let result = try benchmark.run { progress.update($0) }
            progress.finish()
            if json { return try BenchCommand.printJSON(result) }
            print("merit bench: \(result.people) people, \(result.ratingRows) rating rows (\(String(format: "%.1f", result.ratingsMB)) MB of ratings.csv)")
            for phase in result.phases {
                let name = phase.name.padding(toLength: 52, withPad: " ", startingAt: 0)
                print("  \(name) " + String(format: "%8.3f s  %12.0f ", phase.seconds, phase.rate) + phase.unit + "/s")
            }
            print(String(format: "  files to stored scores: %.2f s; peak memory %.0f MB", result.filesToScoresSeconds, result.peakMemoryMB))
        }
    }

    /// A ratings workbook saved by LibreOffice against the same rows as CSV, through `merit import`.
    struct WorkbookBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "xlsx", abstract: "Import a ratings workbook (saved by LibreOffice Calc) against the same rows as CSV.")

        @OptionGroup var library: LibraryOptions

        @Option(help: "Rating rows (default 1,000,000; a sheet holds at most 1,048,575 below its header).")
        var rows = 1_000_000

        @Option(help: "Paired runs (the median is reported).")
        var runs = 3

        @Flag(help: "Print the figures as JSON.")
        var json = false

        func run() throws {
            let progress = Progress(label: "bench")
            let benchmark = WorkbookBenchmark(
                library: try library.load(), instruments: library.instruments, merit: CommandLine.arguments[0], rows: rows, runs: runs)
            let result: WorkbookBenchmark.Result
            do {
                result = try benchmark.run { progress.update($0) }
            } catch {
                progress.finish()
                Terminal.error("merit bench xlsx: error: \(error)")
                throw ExitStatus.ioError
            }
            progress.finish()
            if json { return try BenchCommand.printJSON(result) }
            let rows = Double(result.rows)
            print("merit bench xlsx: \(result.rows) rating rows; ratings.csv \(String(format: "%.1f", result.csvMB)) MB, ratings.xlsx \(String(format: "%.1f", result.workbookMB)) MB (LibreOffice Calc); \(runs) paired runs, medians")
            print(String(format: "  merit import ratings.csv    %7.2f s  %10.0f rows/s  peak %5.0f MB", result.csvSeconds, rows / result.csvSeconds, result.csvPeakMB))
            print(String(format: "  merit import ratings.xlsx   %7.2f s  %10.0f rows/s  peak %5.0f MB", result.workbookSeconds, rows / result.workbookSeconds, result.workbookPeakMB))
            print(String(format: "  workbook ÷ CSV time: %.2f× (target ≤ 2×: at least half the CSV's rate)", result.ratio))
            print(String(format: "  a quarter of the rows as .xlsx: %.2f s, peak %.0f MB (memory does not grow with the sheet)", result.quarterWorkbook.seconds, result.quarterWorkbook.peakMB))
        }
    }

    struct YAMLBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "yaml",
            abstract: "YAML loading: our tree + decode against libyaml's bare event loop.")

        @Option(help: "Size of the generated YAML file, in MB.")
        var megabytes = 20

        @Option(help: "Timed runs per phase (the median is reported).")
        var runs = 5

        @Flag(help: "Print the figures as JSON.")
        var json = false

        func run() throws {
            let result = try YAMLBenchmark(megabytes: megabytes, runs: runs).run()
            if json { return try BenchCommand.printJSON(result) }
            let mb = Double(result.bytes) / 1_048_576
            print("YAML load: \(String(format: "%.1f", mb)) MB, \(result.rows) rating rows, median of \(runs) runs")
            for timing in [result.eventLoop, result.tree, result.treeAndDecode] {
                let line = String(
                    format: "  %-22@ %8.3f s  %7.1f MB/s", timing.name as NSString, timing.median, mb / timing.median)
                print(line)
            }
            print(String(format: "  ratio tree+decode / event loop: %.2f× (target ≤ 2×)", result.ratio))
        }
    }

    struct LibraryBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "library", abstract: "Loading and checking the instrument library.")

        @OptionGroup var library: LibraryOptions

        @Option(help: "Timed runs (the median is reported).")
        var runs = 20

        func run() throws {
            var summary = ""
            let timing = Timing.measure("load + check", runs: runs) {
                summary = library.result().summary.description
            }
            print("Library load: \(library.name) (\(summary)), median of \(runs) runs")
            print(String(format: "  load + check  %8.1f ms (target well under 100 ms)", timing.median * 1000))
        }
    }

    struct ScoringBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scoring", abstract: "The engine: integration + scoring on one core, the full shortlist on two.")

        @OptionGroup var library: LibraryOptions

        @Option(help: "Participants.")
        var people = 100_000

        @Option(help: "Positions in the full shortlist.")
        var positions = 1_000

        @Option(help: "Timed runs (the median is reported).")
        var runs = 3

        func run() throws {
            let result = ScoringBenchmark(library: try library.load(), people: people, positions: positions, runs: runs).run()
            print("Scoring: \(result.people) participants, \(result.ratings) ratings in memory, median of \(runs) runs")
            print(String(format: "  integrate + score (1 core)   %8.3f s  %10.0f people/s (target < 1 s for 100,000)",
                result.scoring.median, Double(result.people) / result.scoring.median))
            print(String(format: "  compile candidates           %8.3f s", result.poolBuild.median))
            print(String(format: "  shortlist %d × %d, top 10 (2 threads) %8.3f s  %6.1f M pairs/s (target < 3 s)",
                result.people, result.positions, result.shortlist.median,
                Double(result.people) * Double(result.positions) / result.shortlist.median / 1e6))
            print(String(format: "  memory: %.0f MB resident before the shortlist, %.0f MB peak", result.memoryBeforeShortlistMB, result.peakMemoryMB))
        }
    }

    struct ReportsBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reports", abstract: "Reports: HTML plans written to files, gap summaries over a large cohort.")

        @OptionGroup var library: LibraryOptions

        @Option(help: "HTML plans to write.")
        var plans = 10_000

        @Option(help: "People in the gap summaries.")
        var people = 100_000

        func run() throws {
            let progress = Progress(label: "bench")
            let result = try ReportBenchmark(library: try library.load(), plans: plans, summaryPeople: people).run { progress.update($0) }
            progress.finish()
            print("Reports:")
            print(String(format: "  %d HTML plans written          %8.3f s  (%.0f plans/s; target: 10,000 in < 10 s)", result.plans, result.planSeconds, Double(result.plans) / result.planSeconds))
            print(String(format: "  the same, rendered only         %8.3f s  (%.0f plans/s: the rest is the file system)", result.renderSeconds, Double(result.plans) / result.renderSeconds))
            print(String(format: "  gap summary of %d people  %8.3f s  (mean of the four groupings; target < 1 s)", result.summaryPeople, result.summarySeconds))
        }
    }
}
