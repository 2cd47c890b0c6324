import Foundation
import Synchronization
import MeritCore
import MeritYAML

/// A report's output format.
public enum ReportFormatKind: String, Sendable, CaseIterable {
    case html, markdown, csv, json, yaml
    /// An Excel workbook: bytes, written by `Reports.workbook(_:)` from a summary's table.
    case xlsx

    public var fileExtension: String {
        switch self {
        case .html: "html"
        case .markdown: "md"
        case .csv: "csv"
        case .json: "json"
        case .yaml: "yaml"
        case .xlsx: "xlsx"
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
        templates.render(planView(document), template: "explain.txt")
    }

    public func render(plan document: PlanDocument, as format: ReportFormatKind) throws -> String {
        switch format {
        case .html: return templates.render(planView(document), template: "plan.html")
        case .markdown: return templates.render(planView(document), template: "plan.md")
        case .yaml: return try "# \(labels.text("title_plan")) — merit plan --from FILE renders this draft after editing\n" + YAMLEncoder().encode(document)
        case .json: return try Self.json(document)
        case .csv, .xlsx: throw ReportError("a plan is written as html, markdown, yaml or json")
        }
    }

    /// What the plan templates read (for a page that shows the plan inside itself: `plan-body.html`).
    public func planView(_ document: PlanDocument) -> PlanView {
        PlanView(document, library: library, labels: labelsFor(document))
    }

    /// What the gap-summary templates read (`gaps-body.html`).
    public func gapsView(_ summary: GapSummary, generatedOn: CalendarDate) -> GapsView {
        GapsView(summary, labels: labels, generatedOn: generatedOn, agency: library.agency)
    }

    /// What the talent-map templates read (`talent-body.html`).
    public func talentView(_ grid: TalentGrid, profiles: [String: PersonProfile], withNames: Bool, generatedOn: CalendarDate) -> TalentView {
        TalentView(
            grid, settings: library.scoring.nineBox, profiles: profiles, library: library, labels: labels, generatedOn: generatedOn, withNames: withNames)
    }

    /// One of the templates (a page of `merit serve`) rendered over `view`.
    public func page(_ view: some TemplateObject, template: String) -> String {
        templates.render(view, template: template)
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
                            let shared = view ?? planView(document)
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
        case .html: return templates.render(gapsView(summary, generatedOn: generatedOn), template: "gaps.html")
        case .markdown: return templates.render(gapsView(summary, generatedOn: generatedOn), template: "gaps.md")
        case .json: return try Self.json(summary)
        case .csv: return gapsCSV(summary, writer: csvWriter)
        case .yaml: return try YAMLEncoder().encode(summary)
        case .xlsx: throw ReportTable.NotText()
        }
    }

    /// One row per group × activity (a group without activities has one row), formula-safe for spreadsheets.
    public func gapsCSV(_ summary: GapSummary, writer: CSVWriter = CSVWriter()) -> String {
        let table = gapsTable(summary)
        return writer.document(header: table.header, rows: table.rows)
    }

    // MARK: Talent

    public func render(
        talent grid: TalentGrid, profiles: [String: PersonProfile], as format: ReportFormatKind, withNames: Bool,
        generatedOn: CalendarDate
    ) throws -> String {
        let view = { talentView(grid, profiles: profiles, withNames: withNames, generatedOn: generatedOn) }
        switch format {
        case .html: return templates.render(view(), template: "talent.html")
        case .markdown: return templates.render(view(), template: "talent.md")
        case .json: return try Self.json(grid)
        case .yaml: return try YAMLEncoder().encode(grid)
        case .csv:
            let table = talentTable(grid, profiles: profiles, withNames: withNames)
            return csvWriter.document(header: table.header, rows: table.rows)
        case .xlsx: throw ReportTable.NotText()
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
