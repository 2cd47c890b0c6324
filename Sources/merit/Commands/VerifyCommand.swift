import ArgumentParser
import MeritCore
import MeritIO
import MeritJob

/// `merit verify`: check an assessment provider's JPM and categories (imported with a levels file) against
/// Merit's own results, and list every disagreement with Merit's value and why.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a provider's JPM and categories (jpm / category columns of a levels file) against Merit's.")

    @Option(help: "table (on a terminal), csv, json or xlsx (a workbook, to a file: > hasil.xlsx).")
    var format: OutputFormat?

    func validate() throws {
        try OutputFormat.check(format)
    }

    @Option(help: ArgumentHelp("The day validity is judged at (default: today).", valueName: "yyyy-mm-dd"))
    var referenceDate: CalendarDate?

    @OptionGroup var library: LibraryOptions
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let library = try library.load()
        let store = try await storeOptions.openWithAssessments()
        let claims = try store.providerClaims()
        guard !claims.isEmpty else {
            print("\(storeOptions.store) holds no provider results: import a levels file with jpm or category columns")
            return
        }
        let scored = try await ScoredCohort.open(library: library, store: store, referenceDate: referenceDate ?? .today)
        let outcome = ProviderCheck(library: library).compare(claims, results: scored.results, batches: scored.batches)
        try Ranking.print(ResultTables.providerCheck(outcome.disagreements), format: format, heading: Self.summary(outcome))
        if OutputFormat.resolved(format) != .table { Terminal.error("merit verify: \(Self.summary(outcome))") }
    }

    static func summary(_ outcome: ProviderCheck.Outcome) -> String {
        var text = "\(outcome.compared) provider result\(outcome.compared == 1 ? "" : "s") checked: "
            + (outcome.disagreements.isEmpty ? "no disagreements" : "\(outcome.disagreements.count) disagreement\(outcome.disagreements.count == 1 ? "" : "s")")
        if outcome.olderBatches > 0 { text += "; \(outcome.olderBatches) about an older batch left out" }
        return text
    }
}
