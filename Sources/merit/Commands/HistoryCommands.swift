import ArgumentParser
import MeritCore
import MeritIO
import MeritJob

extension BoxRollup.Grouping: ExpressibleByArgument {}

/// `merit history NIP`: every assessment one person had, oldest first, each scored on its own batch.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Every assessment one person had, oldest first: levels, JPM, categories and 9-box.")

    @Argument(help: ArgumentHelp("The person's NIP.", valueName: "nip"))
    var nip: String

    @OptionGroup var common: HistoryOptions

    func validate() throws { try OutputFormat.check(common.format) }

    func run() async throws {
        let (library, history, _) = try await common.history(of: nip)
        guard let assessments = history.people[nip] else {
            Terminal.error("merit history: error: no assessment stored for NIP \(nip)")
            throw ExitStatus.dataError
        }
        try Ranking.print(
            ResultTables.history(assessments, library: library), format: common.format,
            heading: "\(nip): \(assessments.count) assessment\(assessments.count == 1 ? "" : "s"), each scored on its own batch with the profile of its day")
    }
}

/// `merit movement --from A --to B`: the 9-box movement matrix between two batches, who moved two or
/// more boxes (`--names`, for HR), or each competency's level changes (`--competencies`).
struct MovementCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "movement", abstract: "9-box movement between two batches: the from × to matrix, movers (--names) or level changes (--competencies).")

    @Option(help: ArgumentHelp("The earlier batch.", valueName: "name"))
    var from: String

    @Option(help: ArgumentHelp("The later batch.", valueName: "name"))
    var to: String

    @Flag(help: "List the people who moved two or more boxes, with names (HR).")
    var names = false

    @Flag(help: "Each competency's level changes across the people assessed in both batches.")
    var competencies = false

    @OptionGroup var common: HistoryOptions

    func validate() throws {
        try OutputFormat.check(common.format)
        if names && competencies { throw ValidationError("--names and --competencies are two lists: give one") }
        if from == to { throw ValidationError("--from and --to name the same batch '\(from)': movement needs two") }
    }

    func run() async throws {
        let (library, history, profiles) = try await common.history(names: names)
        for batch in [from, to] where !history.batches.contains(batch) {
            Terminal.error("merit movement: error: \(common.storeOptions.store) has no batch '\(batch)'; its batches: \(history.batches.joined(separator: ", "))")
            throw ExitStatus.usage
        }
        let movement = BoxMovement(from: from, to: to, history: history, settings: library.scoring.nineBox)
        let heading = "\(from) → \(to): \(movement.both) assessed in both (\(movement.onlyFrom) only in \(from), \(movement.onlyTo) only in \(to))"
        if names {
            return try Ranking.print(ResultTables.movers(movement, profiles: profiles), format: common.format, heading: heading + "; two or more boxes apart")
        }
        if competencies {
            return try Ranking.print(ResultTables.competencyChanges(movement, library: library), format: common.format, heading: heading)
        }
        try Ranking.print(ResultTables.movement(movement), format: common.format, heading: heading + "; rows: box in \(from), columns: box in \(to)")
    }
}

/// `merit rollup --batch B --by unit`: a batch's 9-box counted by unit, job level or for the agency.
struct RollupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollup", abstract: "A batch's 9-box counted by unit, job level or the whole agency (no names; small groups withheld).")

    @Option(help: ArgumentHelp("The batch.", valueName: "name"))
    var batch: String

    @Option(help: "unit, job-level or agency.")
    var by: BoxRollup.Grouping = .unit

    @OptionGroup var privacy: SmallGroupOptions
    @OptionGroup var common: HistoryOptions

    func validate() throws {
        try OutputFormat.check(common.format)
        try privacy.validate()
    }

    func run() async throws {
        let (library, history, _) = try await common.history()
        guard history.batches.contains(batch) else {
            Terminal.error("merit rollup: error: \(common.storeOptions.store) has no batch '\(batch)'; its batches: \(history.batches.joined(separator: ", "))")
            throw ExitStatus.usage
        }
        let minimum = privacy.minimum(for: library)
        let rollup = BoxRollup(history.batch(batch).values, by: by, minimumGroupSize: minimum)
        try Ranking.print(
            ResultTables.rollup(rollup), format: common.format,
            heading: "Batch \(batch) by \(by.rawValue): groups under \(minimum) people are withheld, boxes under \(minimum) shown as <\(minimum)")
    }
}

/// The library, store and format options of the history commands, and the history they read.
struct HistoryOptions: ParsableArguments {
    @Option(help: "table (on a terminal), csv, json or xlsx (a workbook, to a file).")
    var format: OutputFormat?

    @Option(help: ArgumentHelp("The day validity is judged at (default: today).", valueName: "yyyy-mm-dd"))
    var referenceDate: CalendarDate?

    @OptionGroup var library: LibraryOptions
    @OptionGroup var storeOptions: StoreOptions

    /// Every stored batch scored (for one person, with `nip`), and with `names` each person's latest
    /// profile (read only then: it is every profile row of the store).
    func history(of nip: String? = nil, names: Bool = false) async throws -> (Library, CohortHistory, [String: PersonProfile]) {
        let library = try library.load()
        let store = try await storeOptions.openWithAssessments()
        let history = try CohortHistory(library: library, store: store, referenceDate: referenceDate ?? .today, nip: nip)
        let profiles = names ? try store.latestProfiles() : [:]
        return (library, history, profiles)
    }
}
