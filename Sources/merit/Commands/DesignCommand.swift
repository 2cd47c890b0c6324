import ArgumentParser
import MeritCore
import MeritIO

/// `merit design --batch B`: whether a battery measures what it says, from one batch's ratings (see
/// `DesignDiagnostics`): the multitrait-multimethod means and each competency's coverage, per battery.
struct DesignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "design",
        abstract: "Design diagnostics of a batch: convergent, same-exercise and discriminant correlations, and coverage in practice.")

    @Option(help: ArgumentHelp("The batch whose ratings are examined.", valueName: "name"))
    var batch: String

    @Flag(help: "Also list every correlation between two competency × exercise units.")
    var matrix = false

    @Option(help: "table (on a terminal), csv, json or xlsx (a workbook, to a file: > desain.xlsx).")
    var format: OutputFormat?

    func validate() throws {
        try OutputFormat.check(format)
    }

    @OptionGroup var library: LibraryOptions
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let library = try library.load()
        let store = try await storeOptions.openWithAssessments()
        guard let cohort = try store.loadCohort(library: library, batch: batch) else {
            throw try storeOptions.noSuchBatch(batch, command: "design", in: store)
        }
        var table: ResultTable?
        for id in Set(cohort.evidence.map(\.battery)).sorted() {
            guard let battery = library.batteries[id] else { continue }
            let participants = cohort.evidence.filter { $0.battery == id }
            let diagnostics = DesignDiagnostics(participants.map { ($0.nip, $0.ratings) })
            let tested = Set(participants.flatMap { $0.tests.map(\.instrument) })
            let part = ResultTables.design(diagnostics, battery: battery, participants: participants.count, testedInstruments: tested, library: library, matrix: matrix)
            if table == nil { table = part } else { table!.rows += part.rows }
        }
        guard let table else {
            Terminal.error("merit design: error: batch '\(batch)' has no participant with a battery the library has")
            throw ExitStatus.dataError
        }
        try Ranking.print(
            table, format: format,
            heading: "Batch \(batch): convergent correlations (one competency across exercises) should be the highest, discriminant the lowest; coverage is methods with evidence in practice (value) of those on paper (count)")
    }
}
