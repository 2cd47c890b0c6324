import ArgumentParser
import Foundation
import MeritCore
import MeritIO
import MeritJob
import MeritReports

extension GapGrouping: ExpressibleByArgument {}

/// `merit gaps`: training needs by group, without exposing anyone.
struct GapsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaps",
        abstract: "Summarise training needs by unit, position, job level or competency (small groups suppressed).")

    @Option(help: "Group by unit, position, job-level or competency.")
    var by: GapGrouping = .unit

    @OptionGroup var privacy: SmallGroupOptions

    @Option(
        parsing: .upToNextOption, help: ArgumentHelp("Formats: html, markdown, csv, json, xlsx (default: the first four).", valueName: "format"))
    var format: [String] = ["html", "markdown", "csv", "json"]

    @Option(help: ArgumentHelp("The day validity is judged at (default: today).", valueName: "yyyy-mm-dd"))
    var referenceDate: CalendarDate?

    @OptionGroup var library: LibraryOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: ReportOptions

    func validate() throws {
        try privacy.validate()
        _ = try ReportOptions.kinds(format, allowed: ReportOptions.summaryFormats)
    }

    func run() async throws {
        let library = try library.load()
        let reports = try output.reports(library: library)
        let scored = try await ScoredCohort.open(library: library, store: storeOptions.openWithAssessments(), referenceDate: referenceDate ?? .today)
        let summary = GapSummarizer(library: library).summarize(
            scored.results, plans: scored.plans, by: by, minimumGroupSize: privacy.minimum(for: library))
        for kind in try ReportOptions.kinds(format, allowed: ReportOptions.summaryFormats) {
            let name = "gaps-\(by.rawValue).\(kind.fileExtension)"
            if kind == .xlsx {
                print(try output.write(Data(try reports.workbook(reports.gapsTable(summary), title: "title_gaps")), to: name, in: "gaps"))
                continue
            }
            print(try output.write(try reports.render(gaps: summary, as: kind, generatedOn: scored.referenceDate), to: name, in: "gaps"))
        }
    }
}

/// `merit talent`: the 9-box grid, counts only or with names for HR.
struct TalentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "talent", abstract: "Draw the talent map (9-box grid): counts per box, or with names for HR (--names).")

    @Flag(help: "List the people in each box (HR's variant); without it, counts only, small boxes withheld.")
    var names = false

    @OptionGroup var privacy: SmallGroupOptions

    @Option(
        parsing: .upToNextOption, help: ArgumentHelp("Formats: html, markdown, csv, json, xlsx (default: html csv).", valueName: "format"))
    var format: [String] = ["html", "csv"]

    @Option(help: ArgumentHelp("The day validity is judged at (default: today).", valueName: "yyyy-mm-dd"))
    var referenceDate: CalendarDate?

    @OptionGroup var library: LibraryOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: ReportOptions

    func validate() throws {
        try privacy.validate()
        _ = try ReportOptions.kinds(format, allowed: ReportOptions.summaryFormats)
    }

    func run() async throws {
        let library = try library.load()
        let reports = try output.reports(library: library)
        let scored = try await ScoredCohort.open(library: library, store: storeOptions.openWithAssessments(), referenceDate: referenceDate ?? .today)
        let grid = TalentGrid(
            scored.results, settings: library.scoring.nineBox, withNames: names, minimumGroupSize: privacy.minimum(for: library))
        for kind in try ReportOptions.kinds(format, allowed: ReportOptions.summaryFormats) {
            let name = "talent\(names ? "-names" : "-counts").\(kind.fileExtension)"
            if kind == .xlsx {
                let table = reports.talentTable(grid, profiles: scored.cohort.profiles, withNames: names)
                print(try output.write(Data(try reports.workbook(table, title: "title_talent")), to: name, in: "talent"))
                continue
            }
            let text = try reports.render(
                talent: grid, profiles: scored.cohort.profiles, as: kind, withNames: names, generatedOn: scored.referenceDate)
            print(try output.write(text, to: name, in: "talent"))
        }
    }
}

/// `--min-group`: the smallest group or box an aggregate shows (default: the library's
/// `minimum-group-size`), never under `SmallCounts.floor`.
struct SmallGroupOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Withhold groups and boxes smaller than this (default: the library's minimum-group-size, 5; at least \(SmallCounts.floor)).",
            valueName: "n"))
    var minGroup: Int?

    func validate() throws {
        if let minGroup, minGroup < SmallCounts.floor {
            throw ValidationError(
                "--min-group must be at least \(SmallCounts.floor), found \(minGroup): in smaller groups people learn each other's results (UU 27/2022 PDP)")
        }
    }

    /// The minimum to use, with a warning on standard error when it is below the library's.
    func minimum(for library: Library) -> Int {
        let standard = library.scoring.minimumGroupSize
        guard let minGroup else { return standard }
        if minGroup < standard {
            Terminal.error("merit: warning: --min-group \(minGroup) is below the library's minimum-group-size \(standard): smaller groups are shown, and their people are easier to recognise")
        }
        return minGroup
    }
}
