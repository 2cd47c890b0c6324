import ArgumentParser
import MeritCore
import MeritIO

/// `merit raters --batch B`: how far the assessors of a batch agree, overall, per competency and per
/// instrument (ICC, Krippendorff's alpha, exact and within-one agreement; see `RaterReport`).
struct RatersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "raters", abstract: "Rater agreement of one batch: ICC, Krippendorff's alpha, exact and within-one agreement.")

    @Option(help: ArgumentHelp("The batch whose ratings are compared (not with --drift).", valueName: "name"))
    var batch: String?

    @Flag(help: "Per assessor instead: leniency against co-assessors, spread of ratings, halo across competencies.")
    var assessors = false

    @Flag(help: "Each assessor's leniency in every stored batch, in date order: drift over time.")
    var drift = false

    @Option(help: "table (on a terminal), csv, json or xlsx (a workbook, to a file: > hasil.xlsx).")
    var format: OutputFormat?

    func validate() throws {
        try OutputFormat.check(format)
        if drift && batch != nil { throw ValidationError("--drift compares every batch: leave out --batch") }
        if !drift && batch == nil { throw ValidationError("name the batch: --batch NAME (or --drift for every batch)") }
    }

    @OptionGroup var library: LibraryOptions
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let library = try library.load()
        let wanted = batch
        let found = try await storeOptions.withRecords(writing: false) { store in
            let names = try store.batchNames()
            let asked = wanted.map { [$0] } ?? names
            let batches = zip(asked, try store.batchRatings(asked, library: library)).compactMap { name, found in found.map { (name, $0) } }
            return (batches, names)
        }
        let names = found.1
        if names.isEmpty {
            Terminal.error("merit raters: error: \(storeOptions.store) holds no batch: import ratings first (merit import ratings.csv)")
            throw ExitStatus.usage
        }
        if drift {
            return try Ranking.print(
                ResultTables.drift(found.0.map { ($0.0, AssessorQuality($0.1)) }), format: format,
                heading: "Leniency of each assessor in each batch, oldest batch first (+ lenient, - severe)")
        }
        guard let batch, let participants = found.0.first?.1 else {
            Terminal.error("merit raters: error: \(storeOptions.store) has no batch '\(batch ?? "")'; its batches: \(names.joined(separator: ", "))")
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
