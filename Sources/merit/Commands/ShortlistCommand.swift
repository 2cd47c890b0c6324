import ArgumentParser
import Foundation
import MeritCore
import MeritIO
import MeritJob

/// `merit shortlist --position ID`: rank every assessed person for one position.
struct ShortlistCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shortlist", abstract: "Rank the assessed people for a position (a committee proposes three).")

    @Option(help: ArgumentHelp("The position to fill.", valueName: "id"))
    var position: String

    @Option(help: "How many to list (ties at the cut are all listed).")
    var top = 10

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
        let standard = try LibraryOptions.position(position, in: library)
        let (pool, cohort) = try await Ranking.pool(library: library, store: storeOptions.openWithAssessments(), referenceDate: referenceDate ?? .today)
        let entries = pool.shortlist(standard, top: top)
        try Ranking.print(
            ResultTables.shortlist(entries, profiles: cohort.profiles, byPosition: true), format: format,
            heading: "\(standard.title) (\(standard.id)): \(pool.count) candidates; order: \(Shortlist.rule)")
    }
}

/// `merit fit NIP`: the positions one person fits best.
struct FitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit", abstract: "The positions one person fits best (succession, talent pool).")

    @Argument(help: ArgumentHelp("The person's NIP.", valueName: "nip"))
    var nip: String

    @Option(help: "How many positions to list.")
    var top = 5

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
        let (pool, cohort) = try await Ranking.pool(library: library, store: storeOptions.openWithAssessments(), referenceDate: referenceDate ?? .today)
        let entries = pool.fit(nip: nip, positions: library.positionsInOrder, top: top)
        guard !entries.isEmpty else {
            Terminal.error("merit: error: no assessment stored for NIP \(nip)")
            throw ExitStatus.dataError
        }
        var table = ResultTables.shortlist(entries, profiles: cohort.profiles, byPosition: false)
        for index in table.rows.indices { table.rows[index][2] = library.positions[table.rows[index][1]]?.title ?? "" }
        try Ranking.print(table, format: format, heading: "\(cohort.profiles[nip]?.name ?? nip) (\(nip)); order: \(Shortlist.rule)")
    }
}

enum Ranking {
    static func pool(library: Library, store: MeritStore, referenceDate: CalendarDate) throws -> (CandidatePool, StoredCohort) {
        let cohort = try store.loadCohort(library: library)
        let scorer = CohortScorer(library: library, referenceDate: referenceDate)
        let results = scorer.score(cohort.evidence, profiles: cohort.profiles, threads: 2)
        let pool = CandidatePool(scorer: scorer.scorer, candidates: results.map { ($0.levels, $0.profile) })
        return (pool, cohort)
    }

    /// A result table as a table on a terminal (under its heading, if any), else CSV, or as asked.
    static func print(_ table: ResultTable, format: OutputFormat?, heading: String? = nil) throws {
        switch OutputFormat.resolved(format) {
        case .table:
            if let heading { Swift.print(heading) }
            Swift.print(table.text(), terminator: "")
        case .csv: Swift.print(table.csv(), terminator: "")
        case .json: Swift.print(table.json(), terminator: "")
        case .xlsx: FileHandle.standardOutput.write(Data(try table.workbook(sheet: "Merit")))
        }
    }
}
