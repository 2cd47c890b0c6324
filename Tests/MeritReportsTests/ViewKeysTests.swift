import Foundation
import MeritCore
import MeritIO
import Testing

@testable import MeritReports

/// The views answer template keys through `value(named:)`, written out by hand (typed, for speed); a field
/// added to a view but not there renders as nothing, silently. Every stored field must be answered.
@Suite struct ViewKeysTests {
    let fixture = ReportFixture.shared

    /// Fields of the plan document that its JSON and YAML carry and the templates do not read: the exact
    /// JPM and the category ids (the page shows the rounded JPM and the labels), the radar's data (the
    /// page draws it as `radarSVG`) and the competency rows (the page reads the view's `competencies`).
    static let dataOnly: Set<String> = [
        "Assessment.jpmValue", "Assessment.jpmExact", "Assessment.selectionCategory", "Assessment.mappingCategory", "Assessment.radar",
        "Assessment.competencies",
    ]

    /// Every non-nil stored property of `value` (and of the views inside it) is a key `value(named:)` answers.
    static func unanswered(_ value: Any, path: String = "") -> [String] {
        guard let parent = value as? any TemplateObject, !(value is LabelFields) else { return [] }
        var missing: [String] = []
        for child in Mirror(reflecting: value).children {
            guard let label = child.label else { continue }
            let mirror = Mirror(reflecting: child.value)
            if mirror.displayStyle == .optional && mirror.children.isEmpty { continue }
            let name = "\(path)\(type(of: value)).\(label)"
            if parent.value(named: label) == nil && !dataOnly.contains("\(type(of: value)).\(label)") { missing.append(name) }
            let inner = mirror.displayStyle == .optional ? mirror.children.first!.value : child.value
            if let list = inner as? [Any], let first = list.first { missing += unanswered(first, path: "\(name) → ") } else { missing += unanswered(inner, path: "\(name) → ") }
        }
        return missing
    }

    @Test func gapAndTalentViewsAnswerEveryField() throws {
        let labels = try #require(fixture.library.reportLabels["id"])
        for grouping in GapGrouping.allCases {
            let summary = GapSummarizer(library: fixture.library).summarize(fixture.results, plans: fixture.plans, by: grouping)
            #expect(Self.unanswered(GapsView(summary, labels: labels, generatedOn: fixture.referenceDate)) == [])
        }
        for names in [false, true] {
            let grid = TalentGrid(fixture.results, settings: fixture.library.scoring.nineBox, withNames: names, minimumGroupSize: 5)
            let view = TalentView(
                grid, settings: fixture.library.scoring.nineBox, profiles: fixture.cohort.profiles, library: fixture.library, labels: labels,
                generatedOn: fixture.referenceDate, withNames: names)
            #expect(Self.unanswered(view) == [])
        }
    }

    @Test func planViewsAnswerEveryField() throws {
        let labels = try #require(fixture.library.reportLabels["id"])
        let reports = try fixture.reports()
        for result in fixture.results.prefix(20) {
            guard let plan = fixture.plans[result.evidence.nip] else { continue }
            guard let document = reports.planDocument(for: result, plan: plan, batch: "b", generatedOn: fixture.referenceDate) else { continue }
            #expect(Self.unanswered(PlanView(document, library: fixture.library, labels: labels)) == [])
        }
    }
}
