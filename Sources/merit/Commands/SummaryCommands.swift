import ArgumentParser
import Foundation
import MeritCore
import MeritIO
import MeritReports

extension GapGrouping: ExpressibleByArgument {}

/// `merit gaps`: training needs by group, without exposing anyone.
struct GapsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaps",
        abstract: "Summarise training needs by unit, position, job level or competency (small groups suppressed).")

    @Option(help: "Group by unit, position, job-level or competency.")
    var by: GapGrouping = .unit

    @Option(help: ArgumentHelp("Suppress groups smaller than this (default: the library's, 5).", valueName: "n"))
    var minGroup: Int?

    @Option(
        parsing: .upToNextOption, help: ArgumentHelp("Formats: html, markdown, csv, json (default: all four).", valueName: "format"))
    var format: [String] = ["html", "markdown", "csv", "json"]

    @Option(help: ArgumentHelp("The day validity is judged at (default: today).", valueName: "yyyy-mm-dd"))
    var referenceDate: CalendarDate?

    @OptionGroup var library: LibraryOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: ReportOptions

    func validate() throws {
        if let minGroup, minGroup < 1 { throw ValidationError("--min-group must be at least 1") }
        _ = try ReportOptions.kinds(format, allowed: ReportOptions.summaryFormats)
    }

    func run() throws {
        let library = try library.load()
        let reports = try output.reports(library: library)
        let scored = try ScoredCohort(library: library, store: storeOptions.openWithAssessments(), referenceDate: referenceDate ?? .today)
        let summary = GapSummarizer(library: library).summarize(scored.results, plans: scored.plans, by: by, minimumGroupSize: minGroup)
        for kind in try ReportOptions.kinds(format, allowed: ReportOptions.summaryFormats) {
            let text = try reports.render(gaps: summary, as: kind, generatedOn: scored.referenceDate)
            print(try output.write(text, to: "gaps-\(by.rawValue).\(kind.fileExtension)", in: "gaps"))
        }
    }
}

/// `merit talent`: the 9-box grid, counts only or with names for HR.
struct TalentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "talent", abstract: "Draw the talent map (9-box grid): counts per box, or with names for HR (--names).")

    @Flag(help: "List the people in each box (HR's variant); without it, counts only.")
    var names = false

    @Option(
        parsing: .upToNextOption, help: ArgumentHelp("Formats: html, markdown, csv, json (default: html csv).", valueName: "format"))
    var format: [String] = ["html", "csv"]

    @Option(help: ArgumentHelp("The day validity is judged at (default: today).", valueName: "yyyy-mm-dd"))
    var referenceDate: CalendarDate?

    @OptionGroup var library: LibraryOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: ReportOptions

    func validate() throws {
        _ = try ReportOptions.kinds(format, allowed: ReportOptions.summaryFormats)
    }

    func run() throws {
        let library = try library.load()
        let reports = try output.reports(library: library)
        let scored = try ScoredCohort(library: library, store: storeOptions.openWithAssessments(), referenceDate: referenceDate ?? .today)
        let grid = TalentGrid(scored.results, settings: library.scoring.nineBox, withNames: names)
        for kind in try ReportOptions.kinds(format, allowed: ReportOptions.summaryFormats) {
            let text = try reports.render(
                talent: grid, profiles: scored.cohort.profiles, as: kind, withNames: names, generatedOn: scored.referenceDate)
            print(try output.write(text, to: "talent\(names ? "-names" : "-counts").\(kind.fileExtension)", in: "talent"))
        }
    }
}
