import ArgumentParser
import MeritCore
import MeritIO
import MeritJob

/// `merit fairness`: outcome rates by sex, age band and job level for one batch (see `FairnessAudit`).
struct FairnessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fairness", abstract: "Outcome rates by sex, age band and job level, with the four-fifths rule and Fisher's exact test.")

    @Option(help: ArgumentHelp("The batch (default: the latest).", valueName: "name"))
    var batch: String?

    @OptionGroup var privacy: SmallGroupOptions
    @OptionGroup var common: HistoryOptions

    func validate() throws {
        try OutputFormat.check(common.format)
        try privacy.validate()
    }

    func run() async throws {
        let library = try common.library.load()
        let store = try await common.storeOptions.openWithAssessments()
        let names = try store.batchNames()
        guard let name = batch ?? names.last else {
            Terminal.error("merit fairness: error: \(common.storeOptions.store) holds no batch: import ratings first (merit import ratings.csv)")
            throw ExitStatus.usage
        }
        guard let assessments = try CohortHistory.assessments(of: name, library: library, store: store, referenceDate: common.referenceDate ?? .today) else {
            throw try common.storeOptions.noSuchBatch(name, command: "fairness", in: store)
        }
        let people = assessments.compactMap { FairnessAudit.Person($0, library: library) }
        let audit = FairnessAudit(people, settings: library.scoring.fairness, minimumGroupSize: privacy.minimum(for: library))
        if OutputFormat.resolved(common.format) != .table { Terminal.error("merit fairness: note: \(ResultTables.fairnessCaveat)") }
        try Ranking.print(ResultTables.fairness(audit, library: library), format: common.format, heading: "Batch \(name): \(ResultTables.fairnessCaveat)")
    }
}
