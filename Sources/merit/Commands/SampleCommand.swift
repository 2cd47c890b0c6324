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
        let cohort = CohortGenerator(library: library, seed: seed).generate(people: people)
        do {
            for path in try CohortFiles.write(cohort, to: out, excel: excel) { print(path) }
        } catch {
            Terminal.error("\(out): error: \(error.localizedDescription)")
            throw ExitStatus.ioError
        }
        print("\(cohort.profiles.count) people, \(cohort.ratings.count) ratings, \(cohort.tests.count) test scores, \(cohort.levels.count) agreed levels")
    }
}
