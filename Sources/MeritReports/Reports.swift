import Foundation
import Synchronization
import MeritCore
import MeritYAML

/// A report's output format.
public enum ReportFormatKind: String, Sendable, CaseIterable {
    case html, markdown, csv, json, yaml

    public var fileExtension: String {
        switch self {
        case .html: "html"
        case .markdown: "md"
        case .csv: "csv"
        case .json: "json"
        case .yaml: "yaml"
        }
    }
}

/// Renders plans, gap summaries and the talent map in one language with one set of templates.
public struct Reports: Sendable {
    public let library: Library
    public let labels: ReportLabels
    public let templates: ReportTemplates
    /// How CSV reports are written: plain RFC 4180 by default, or `.excelIndonesia` (BOM, `;`, decimal comma).
    public var csvWriter = CSVWriter()

    /// One integrator per battery, built once (explaining evidence needs them for every plan).
    private let integrators: [String: Integrator]

    public init(library: Library, language: String, templates: ReportTemplates) throws {
        guard let labels = library.reportLabels[language] else {
            throw ReportError("no report labels for language '\(language)' in the library (have: \(library.reportLabels.keys.sorted().joined(separator: ", ")))")
        }
        self.library = library
        self.labels = labels
        self.templates = templates
        integrators = library.batteries.mapValues { Integrator(library: library, battery: $0) }
    }

    // MARK: Plans

    public func planDocument(
        for result: PersonResult, plan: DevelopmentPlan, batch: String, generatedOn: CalendarDate
    ) -> PlanDocument? {
        let integrator = integrators[result.evidence.battery]
        return PlanDocumentBuilder(library: library, labels: labels)
            .document(for: result, plan: plan, integrator: integrator, batch: batch, generatedOn: generatedOn)
    }

    /// The working behind one person's result, as plain text (`merit explain`).
    public func explanation(_ document: PlanDocument) -> String {
        templates.render(PlanView(document, library: library, labels: labelsFor(document)), template: "explain.txt")
    }

    public func render(plan document: PlanDocument, as format: ReportFormatKind) throws -> String {
        switch format {
        case .html: return templates.render(PlanView(document, library: library, labels: labelsFor(document)), template: "plan.html")
        case .markdown: return templates.render(PlanView(document, library: library, labels: labelsFor(document)), template: "plan.md")
        case .yaml: return try "# \(labels.text("title_plan")) — merit plan --from FILE renders this draft after editing\n" + YAMLEncoder().encode(document)
        case .json: return try Self.json(document)
        case .csv: throw ReportError("a plan is written as html, markdown, yaml or json")
        }
    }

    /// Renders many plans on `threads` threads; `write` receives each (document, format, text), from any thread.
    public func render(
        plans documents: [PlanDocument], as formats: [ReportFormatKind], threads: Int = 2,
        write: @Sendable (PlanDocument, ReportFormatKind, String) throws -> Void
    ) throws {
        let parts = max(1, min(threads, documents.count))
        let failure = Mutex<(any Error)?>(nil)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            for index in stride(from: part, to: documents.count, by: parts) {
                if failure.withLock({ $0 != nil }) { return }
                do {
                    // One view for HTML and Markdown alike (the radar chart is drawn once).
                    var view: PlanView?
                    for format in formats {
                        let document = documents[index]
                        switch format {
                        case .html, .markdown:
                            let shared = view ?? PlanView(document, library: library, labels: labelsFor(document))
                            view = shared
                            try write(document, format, templates.render(shared, template: format == .html ? "plan.html" : "plan.md"))
                        default:
                            try write(document, format, try render(plan: document, as: format))
                        }
                    }
                } catch {
                    failure.withLock { $0 = $0 ?? error }
                    return
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// The labels of the document's own language when the library has them.
    private func labelsFor(_ document: PlanDocument) -> ReportLabels {
        library.reportLabels[document.language] ?? labels
    }

    // MARK: Gap summaries

    public func render(gaps summary: GapSummary, as format: ReportFormatKind, generatedOn: CalendarDate) throws -> String {
        switch format {
        case .html: return templates.render(GapsView(summary, labels: labels, generatedOn: generatedOn), template: "gaps.html")
        case .markdown: return templates.render(GapsView(summary, labels: labels, generatedOn: generatedOn), template: "gaps.md")
        case .json: return try Self.json(summary)
        case .csv: return gapsCSV(summary, writer: csvWriter)
        case .yaml: return try YAMLEncoder().encode(summary)
        }
    }

    /// One row per group × activity (a group without activities has one row), formula-safe for spreadsheets.
    public func gapsCSV(_ summary: GapSummary, writer: CSVWriter = CSVWriter()) -> String {
        let format = ReportFormat(labels: labels)
        var rows: [[CSVWriter.Cell]] = []
        for group in summary.groups {
            let base: [CSVWriter.Cell] = [
                .text(group.key), .text(group.label), .number(String(group.peopleAssessed)), .number(String(group.peopleBelowStandard)),
                .number(group.meanGap.formatted(places: 2)), .number(group.meanShortfall.formatted(places: 2)),
            ] + group.levelDistribution.map { .number(String($0)) }
            if group.activities.isEmpty && group.otherActivities == nil {
                rows.append(base + [.text(""), .text(""), .text(""), .text(""), .text("")])
            }
            for need in group.activities {
                rows.append(
                    base + [
                        .text(need.activity), .text(need.title), .text(need.route.rawValue), .number(String(need.participants)),
                        .number(String(need.totalJP)),
                    ])
            }
            if let others = group.otherActivities {
                // Merged so that no row serves fewer than the minimum; "<5" where even the merge is too small.
                let withheld = CSVWriter.Cell.text("<\(summary.minimumGroupSize)")
                rows.append(
                    base + [
                        .text("other"), .text(format.text("other_activities", ["count": String(others.activities)])), .text(""),
                        others.participants.map { .number(String($0)) } ?? withheld, others.totalJP.map { .number(String($0)) } ?? withheld,
                    ])
            }
        }
        if summary.suppressedGroups > 0 {
            rows.append(
                [.text("suppressed"), .text(format.text("suppressed_line", ["groups": String(summary.suppressedGroups), "people": String(summary.suppressedPeople), "minimum": String(summary.minimumGroupSize)]))]
                    + Array(repeating: CSVWriter.Cell.text(""), count: 14))
        }
        return writer.document(
            header: [
                summary.grouping.rawValue, "label", "people_assessed", "people_below_standard", "mean_gap", "mean_shortfall", "level_1", "level_2",
                "level_3", "level_4", "level_5", "activity", "activity_title", "route", "participants", "total_jp",
            ], rows: rows)
    }

    // MARK: Talent

    public func render(
        talent grid: TalentGrid, profiles: [String: PersonProfile], as format: ReportFormatKind, withNames: Bool,
        generatedOn: CalendarDate
    ) throws -> String {
        let view = {
            TalentView(
                grid, settings: library.scoring.nineBox, profiles: profiles, library: library, labels: labels,
                generatedOn: generatedOn, withNames: withNames)
        }
        switch format {
        case .html: return templates.render(view(), template: "talent.html")
        case .markdown: return templates.render(view(), template: "talent.md")
        case .json: return try Self.json(grid)
        case .yaml: return try YAMLEncoder().encode(grid)
        case .csv:
            var rows: [[CSVWriter.Cell]] = []
            // A withheld count is "<5": text in the count column, never a number that looks counted.
            func count(_ value: Int?) -> CSVWriter.Cell {
                value.map { .number(String($0)) } ?? .text("<\(grid.minimumGroupSize ?? 0)")
            }
            for box in grid.boxes {
                if withNames && !box.people.isEmpty {
                    for nip in box.people {
                        rows.append([.number(String(box.number)), .text(box.label), count(box.count), .text(nip), .text(profiles[nip]?.name ?? "")])
                    }
                } else {
                    rows.append([.number(String(box.number)), .text(box.label), count(box.count), .text(""), .text("")])
                }
            }
            rows.append([.text(""), .text(labels.text("unplaced_row")), count(grid.unplaced), .text(""), .text("")])
            rows.append([.text(""), .text(labels.text("undecided_row")), count(grid.undecided), .text(""), .text("")])
            return csvWriter.document(header: ["box", "label", "count", "nip", "name"], rows: rows)
        }
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}

public struct ReportError: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
