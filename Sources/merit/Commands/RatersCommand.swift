import ArgumentParser
import MeritCore
import MeritIO

/// `merit raters --batch B`: how far the assessors of a batch agree, overall, per competency and per
/// instrument (ICC, Krippendorff's alpha, exact and within-one agreement; see `RaterReport`).
struct RatersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "raters", abstract: "Rater agreement of one batch: ICC, Krippendorff's alpha, exact and within-one agreement.")

    @Option(help: ArgumentHelp("The batch whose ratings are compared.", valueName: "name"))
    var batch: String

    @Flag(help: "Per assessor instead: leniency against co-assessors, spread of ratings, halo across competencies.")
    var assessors = false

    @Option(help: "table (on a terminal), csv, json or xlsx (a workbook, to a file: > hasil.xlsx).")
    var format: OutputFormat?

    func validate() throws {
        try OutputFormat.check(format)
    }

    @OptionGroup var library: LibraryOptions
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let library = try library.load()
        let batch = batch
        let found = try await storeOptions.withRecords(writing: false) { store in
            (try store.batchRatings(batch, library: library), try store.batchNames())
        }
        guard let participants = found.0 else {
            let names = found.1
            Terminal.error(
                "merit raters: error: " + (names.isEmpty
                    ? "\(storeOptions.store) holds no batch: import ratings first (merit import ratings.csv)"
                    : "\(storeOptions.store) has no batch '\(batch)'; its batches: \(names.joined(separator: ", "))"))
            throw ExitStatus.usage
        }
        if assessors {
            return try Ranking.print(
                ResultTables.assessors(AssessorQuality(participants)), format: format,
                heading: "Batch \(batch): leniency is the mean difference from co-assessors of the same rating (+ lenient, - severe); spread under 1 is range restriction; halo near 1 is one impression for every competency")
        }
        let report = RaterReport(participants)
        try Ranking.print(
            ResultTables.raters(report, library: library), format: format,
            heading: "Batch \(batch): \(participants.count) participants; ICC(2,1) is the headline where every participant had the same assessors")
    }
}
