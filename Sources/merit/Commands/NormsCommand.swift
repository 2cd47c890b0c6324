import ArgumentParser
import MeritCore
import MeritIO

/// `merit norms --batch B`: each participant's test scores in a batch against their norm groups (see
/// `TestNorm`): z, T, percentile and stanine, beside the level the test's conversion gives.
struct NormsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "norms", abstract: "Test scores of a batch against norm groups: z, T, percentile and stanine.")

    @Option(help: ArgumentHelp("The batch whose test scores are read.", valueName: "name"))
    var batch: String

    @Option(help: ArgumentHelp("Read the test this norm is for against it instead of its default norm.", valueName: "id"))
    var norm: String?

    @Option(help: "table (on a terminal), csv, json or xlsx (a workbook, to a file: > norma.xlsx).")
    var format: OutputFormat?

    func validate() throws {
        try OutputFormat.check(format)
    }

    @OptionGroup var library: LibraryOptions
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let library = try library.load()
        var chosen: TestNorm?
        if let norm {
            guard let found = library.norms[norm] else {
                let known = library.norms.keys.sorted()
                Terminal.error("merit norms: error: the library has no norm '\(norm)'" + (known.isEmpty ? "" : "; its norms: \(known.joined(separator: ", "))"))
                throw ExitStatus.usage
            }
            chosen = found
        }
        let store = try await storeOptions.openWithAssessments()
        guard let cohort = try store.loadCohort(library: library, batch: batch) else {
            throw try storeOptions.noSuchBatch(batch, command: "norms", in: store)
        }
        try Ranking.print(
            ResultTables.norms(cohort.evidence, library: library, chosen: chosen), format: format,
            heading: "Batch \(batch): z = (raw − mean) ÷ SD, T = 50 + 10 z, stanines 1–9; level is what the test's conversion gives")
    }
}
