import ArgumentParser
import MeritIO

/// `merit check`: load and validate the instrument library, print every finding and what was loaded.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the instrument library and print every problem with its file, line and column.")

    @OptionGroup var library: LibraryOptions

    func run() throws {
        let result = library.result()
        Diagnostics.print(result.findings)
        if result.findings.contains(where: { $0.message.hasPrefix("the instrument library folder does not exist") }) {
            library.explainMissingFolder()
            throw ExitStatus.ioError
        }
        print("\(library.name): \(result.summary) — \(Diagnostics.tally(result.findings))")
        if result.findings.errorCount > 0 { throw ExitStatus.dataError }
    }
}
