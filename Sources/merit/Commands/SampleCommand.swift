import ArgumentParser
import Foundation
import MeritIO

/// `merit sample`: write a synthetic cohort as CSV files.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample", abstract: "Write a synthetic, realistic assessment cohort (profiles, ratings, tests, levels).")

    @Option(help: "How many people.")
    var people = 40

    @Option(help: "The random seed: the same seed writes the same cohort.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("The folder to write into.", valueName: "dir"))
    var out: String

    @Flag(help: "Write as Excel saves in the Indonesian locale: BOM, ';', decimal comma, CRLF.")
    var excel = false

    @OptionGroup var library: LibraryOptions

    func validate() throws {
        guard people > 0 else { throw ValidationError("--people must be at least 1") }
    }

    func run() throws {
        let library = try library.load()
        let written: (paths: [String], counts: CohortFiles.Counts)
        do {
            written = try CohortFiles.generate(CohortGenerator(library: library, seed: seed), people: people, to: out, excel: excel)
        } catch {
            Terminal.error("\(out): error: \(error.localizedDescription)")
            throw ExitStatus.ioError
        }
        for path in written.paths { print(path) }
        let counts = written.counts
        print("\(counts.profiles) people, \(counts.ratings) ratings, \(counts.tests) test scores, \(counts.levels) agreed levels")
    }
}
