import Foundation
import MeritCore

/// What the gap-summary templates read.
public struct GapsView {
    struct Group {
        var label: String
        var assessed: Int
        var below: Int
        var meanGap: String
        var meanShortfall: String
        var distribution: String
        var activities: [Activity]
        var hasActivities: Bool
    }

    struct Activity {
        var title: String
        var route: String
        var participants: String
        var totalJP: String
    }

    var l: LabelFields
    var language: String
    var generatedOn: String
    var grouping: String
    var minimumNote: String
    var distributionHeading: String
    var groups: [Group]
    var suppressedLine: String?
    var chartSVG: String
    var letterhead: Letterhead?
    var pageCSS: String

    public init(_ summary: GapSummary, labels: ReportLabels, generatedOn: CalendarDate, agency: Agency? = nil) {
        let format = ReportFormat(labels: labels)
        letterhead = Letterhead(agency)
        pageCSS = PrintLayout.pageCSS(header: labels.text("title_gaps"), labels: labels)
        l = LabelFields(texts: labels.texts)
        language = labels.language
        self.generatedOn = labels.text("generated_on", ["date": generatedOn.description])
        grouping = labels.text("group_by_" + summary.grouping.rawValue.replacing("-", with: "_"))
        minimumNote = labels.text("minimum_group_note", ["minimum": String(summary.minimumGroupSize)])
        distributionHeading = labels.text(summary.grouping == .competency ? "level_distribution_competency" : "level_distribution")
        let withheld = labels.text("withheld_count", ["minimum": String(summary.minimumGroupSize)])
        groups = summary.groups.map { group in
            var activities = group.activities.map {
                Activity(
                    title: $0.title, route: labels.text($0.route == .klasikal ? "route_klasikal" : "route_non_klasikal"),
                    participants: String($0.participants), totalJP: String($0.totalJP))
            }
            if let others = group.otherActivities {
                activities.append(
                    Activity(
                        title: labels.text("other_activities", ["count": String(others.activities)]), route: "",
                        participants: others.participants.map(String.init) ?? withheld, totalJP: others.totalJP.map(String.init) ?? withheld))
            }
            return Group(
                label: group.label, assessed: group.peopleAssessed, below: group.peopleBelowStandard,
                meanGap: format.signedDecimal(group.meanGap, places: 2), meanShortfall: format.signedDecimal(group.meanShortfall, places: 2),
                distribution: group.levelDistribution.enumerated().map { "\($0.offset + 1): \($0.element)" }.joined(separator: " · "),
                activities: activities, hasActivities: !activities.isEmpty)
        }
        suppressedLine = summary.suppressedGroups > 0
            ? labels.text(
                "suppressed_line",
                ["groups": String(summary.suppressedGroups), "people": String(summary.suppressedPeople), "minimum": String(summary.minimumGroupSize)])
            : nil
        chartSVG = BarChart.svg(
            summary.groups.map { ($0.label, $0.peopleAssessed, $0.peopleBelowStandard) },
            assessedLabel: labels.text("people_assessed"), belowLabel: labels.text("people_below"))
    }
}

/// What the talent templates read.
public struct TalentView {
    struct Box {
        var number: Int
        var label: String
        var count: String
        var actions: String
        var people: [Person]
        var hasPeople: Bool
    }

    struct Person {
        var nip: String
        var name: String
        var position: String
    }

    var l: LabelFields
    var language: String
    var generatedOn: String
    var variant: String
    var gridSVG: String
    var boxes: [Box]
    var unplacedLine: String?
    var withheldNote: String?
    var letterhead: Letterhead?
    var pageCSS: String

    public init(
        _ grid: TalentGrid, settings: NineBoxSettings, profiles: [String: PersonProfile], library: Library, labels: ReportLabels,
        generatedOn: CalendarDate, withNames: Bool
    ) {
        letterhead = Letterhead(library.agency)
        pageCSS = PrintLayout.pageCSS(header: labels.text("title_talent"), labels: labels)
        l = LabelFields(texts: labels.texts)
        language = labels.language
        self.generatedOn = labels.text("generated_on", ["date": generatedOn.description])
        variant = labels.text(withNames ? "talent_people" : "talent_counts_only")
        boxes = grid.boxes.sorted { $0.number > $1.number }.map { box in
            let people = box.people.map { nip in
                Person(
                    nip: nip, name: profiles[nip]?.name ?? nip,
                    position: profiles[nip].flatMap { library.positions[$0.position]?.title } ?? "")
            }
            return Box(
                number: box.number, label: box.label, count: TalentView.count(box.count, grid, labels), actions: box.actions.joined(separator: "; "),
                people: people, hasPeople: !people.isEmpty)
        }
        let lines = [
            grid.unplaced != 0 ? labels.text("unplaced_line", ["count": Self.count(grid.unplaced, grid, labels)]) : nil,
            grid.undecided != 0 ? labels.text("unplaced_undecided_line", ["count": Self.count(grid.undecided, grid, labels)]) : nil,
        ].compactMap { $0 }
        unplacedLine = lines.isEmpty ? nil : lines.joined(separator: " ")
        let withheld = grid.boxes.contains { $0.count == nil } || grid.unplaced == nil || grid.undecided == nil
        withheldNote = withheld ? grid.minimumGroupSize.map { labels.text("withheld_note", ["minimum": String($0)]) } : nil
        gridSVG = NineBoxChart.svg(grid, settings: settings, labels: labels)
    }
}

extension TalentView {
    /// A count as shown: the number, or "< 5" where it was withheld.
    static func count(_ count: Int?, _ grid: TalentGrid, _ labels: ReportLabels) -> String {
        count.map(String.init) ?? labels.text("withheld_count", ["minimum": String(grid.minimumGroupSize ?? 0)])
    }
}

/// Horizontal bars: people assessed and people below standard per group, with text that prints at
/// about 9 pt when the chart is 150 mm wide.
enum BarChart {
    static func svg(_ rows: [(label: String, assessed: Int, below: Int)], assessedLabel: String, belowLabel: String) -> String {
        guard !rows.isEmpty else { return "" }
        let rowHeight = 30
        let width = 640
        let labelWidth = 250
        let height = rows.count * rowHeight + 44
        let maximum = max(1, rows.map(\.assessed).max() ?? 1)
        let span = Double(width - labelWidth - 70)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(HTML.escape(belowLabel))\">"
        for (index, row) in rows.enumerated() {
            let y = index * rowHeight + 4
            let full = span * Double(row.assessed) / Double(maximum)
            let part = span * Double(row.below) / Double(maximum)
            // A long group name on two lines of at most 30 characters.
            let lines = Array(RadarChart.wrap(row.label, width: 30).prefix(2))
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + (lines.count > 1 ? 9 : 16))\" font-size=\"12\" text-anchor=\"end\" fill=\"#344054\">"
            for (line, text) in lines.enumerated() {
                svg += "<tspan x=\"\(labelWidth - 8)\" dy=\"\(line == 0 ? 0 : 13)\">\(HTML.escape(String(text.prefix(32))))</tspan>"
            }
            svg += "</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(RadarChart.number(full))\" height=\"22\" fill=\"#d1e9ff\"/>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(RadarChart.number(part))\" height=\"22\" fill=\"#f04438\"/>"
            svg += "<text x=\"\(RadarChart.number(Double(labelWidth) + full + 6))\" y=\"\(y + 17)\" font-size=\"13\" fill=\"#344054\">\(row.below) / \(row.assessed)</text>"
        }
        let legend = height - 18
        svg += "<rect x=\"\(labelWidth)\" y=\"\(legend)\" width=\"14\" height=\"14\" fill=\"#f04438\"/><text x=\"\(labelWidth + 20)\" y=\"\(legend + 12)\" font-size=\"13\">\(HTML.escape(belowLabel))</text>"
        svg += "<rect x=\"\(labelWidth + 200)\" y=\"\(legend)\" width=\"14\" height=\"14\" fill=\"#d1e9ff\"/><text x=\"\(labelWidth + 220)\" y=\"\(legend + 12)\" font-size=\"13\">\(HTML.escape(assessedLabel))</text>"
        return svg + "</svg>"
    }
}

/// The 3×3 grid: potential upward, performance to the right; in each box its number, its count and its
/// label, with both axis titles and the colour legend (the shade deepens toward high potential and
/// performance).
enum NineBoxChart {
    static let shades = ["#fef3f2", "#fffaeb", "#ecfdf3"]

    static func svg(_ grid: TalentGrid, settings: NineBoxSettings, labels: ReportLabels) -> String {
        let potentials = settings.potentialBands.map(\.id)  // highest first: top row
        let performances = Array(settings.performanceBands.map(\.id).reversed())  // lowest first: left column
        let cell = 150
        let left = 150
        let top = 10
        let width = left + cell * performances.count + 10
        let height = top + cell * potentials.count + 96
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(HTML.escape(labels.text("title_talent")))\">"
        for (row, potential) in potentials.enumerated() {
            for (column, performance) in performances.enumerated() {
                guard let box = grid.boxes.first(where: { $0.potential == potential && $0.performance == performance }) else { continue }
                let x = left + column * cell
                let y = top + row * cell
                let shade = shades[min(2, (potentials.count - 1 - row + column) / 2)]
                svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell)\" height=\"\(cell)\" fill=\"\(shade)\" stroke=\"#98a2b3\"/>"
                svg += "<text x=\"\(x + 8)\" y=\"\(y + 20)\" font-size=\"15\" font-weight=\"700\" fill=\"#0b3b66\">\(box.number)</text>"
                svg += "<text x=\"\(x + cell / 2)\" y=\"\(y + 70)\" font-size=\"34\" font-weight=\"700\" text-anchor=\"middle\" fill=\"#101828\">\(HTML.escape(TalentView.count(box.count, grid, labels)))</text>"
                svg += "<text x=\"\(x + cell / 2)\" y=\"\(y + 96)\" font-size=\"10\" text-anchor=\"middle\" fill=\"#344054\">"
                for (line, text) in RadarChart.wrap(box.label, width: 24).prefix(4).enumerated() {
                    svg += "<tspan x=\"\(x + cell / 2)\" dy=\"\(line == 0 ? 0 : 12)\">\(HTML.escape(text))</tspan>"
                }
                svg += "</text>"
            }
        }
        for (row, potential) in potentials.enumerated() {
            let label = settings.potentialBands.first { $0.id == potential }?.label ?? potential
            let lines = RadarChart.wrap(label, width: 16)
            let y = top + row * cell + cell / 2 - (lines.count - 1) * 7
            svg += "<text x=\"\(left - 8)\" y=\"\(y)\" font-size=\"11\" text-anchor=\"end\" fill=\"#344054\">"
            for (line, text) in lines.enumerated() { svg += "<tspan x=\"\(left - 8)\" dy=\"\(line == 0 ? 0 : 14)\">\(HTML.escape(text))</tspan>" }
            svg += "</text>"
        }
        for (column, performance) in performances.enumerated() {
            let label = settings.performanceBands.first { $0.id == performance }?.label ?? performance
            let x = left + column * cell + cell / 2
            svg += "<text x=\"\(x)\" y=\"\(top + potentials.count * cell + 18)\" font-size=\"11\" text-anchor=\"middle\" fill=\"#344054\">"
            for (line, text) in RadarChart.wrap(label, width: 24).enumerated() { svg += "<tspan x=\"\(x)\" dy=\"\(line == 0 ? 0 : 13)\">\(HTML.escape(text))</tspan>" }
            svg += "</text>"
        }
        // Axis titles: performance under the grid, potential along its left side.
        svg += "<text x=\"\(left + performances.count * cell / 2)\" y=\"\(top + potentials.count * cell + 54)\" font-size=\"13\" text-anchor=\"middle\" font-weight=\"700\">\(HTML.escape(labels.text("performance")))</text>"
        let middle = top + potentials.count * cell / 2
        svg += "<text x=\"18\" y=\"\(middle)\" font-size=\"13\" text-anchor=\"middle\" font-weight=\"700\" transform=\"rotate(-90 18 \(middle))\">\(HTML.escape(labels.text("potential")))</text>"
        let legend = height - 22
        for (index, shade) in shades.enumerated() {
            svg += "<rect x=\"\(left + index * 22)\" y=\"\(legend)\" width=\"18\" height=\"14\" fill=\"\(shade)\" stroke=\"#98a2b3\"/>"
        }
        svg += "<text x=\"\(left + 72)\" y=\"\(legend + 12)\" font-size=\"11\" fill=\"#344054\">\(HTML.escape(labels.text("talent_shade_legend")))</text>"
        return svg + "</svg>"
    }
}
