import MeritCore
import MeritRecords

/// A summary as rows of cells: what its CSV and its Excel workbook hold, alike.
public struct ReportTable: Sendable {
    public var header: [String]
    public var rows: [[CSVWriter.Cell]]

    /// Asked for an xlsx summary as text: workbooks are bytes (`Reports.workbook`).
    public struct NotText: Error, CustomStringConvertible {
        public var description: String { "an xlsx report is a workbook, not text: write it with Reports.workbook" }
    }
}

extension Reports {
    /// A gap summary as one table: a row per group × activity (a group without activities has one row).
    public func gapsTable(_ summary: GapSummary) -> ReportTable {
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
        return ReportTable(
            header: [
                summary.grouping.rawValue, "label", "people_assessed", "people_below_standard", "mean_gap", "mean_shortfall", "level_1", "level_2",
                "level_3", "level_4", "level_5", "activity", "activity_title", "route", "participants", "total_jp",
            ], rows: rows)
    }

    /// The talent map as one table: a row per box (per person in the box, with names), then the unplaced
    /// and the undecided.
    public func talentTable(_ grid: TalentGrid, profiles: [String: PersonProfile], withNames: Bool) -> ReportTable {
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
        return ReportTable(header: ["box", "label", "count", "nip", "name"], rows: rows)
    }

    /// `table` as an Excel workbook of one sheet named by the label `title` (`XLSXWriter`).
    public func workbook(_ table: ReportTable, title: String) throws -> [UInt8] {
        try workbook(table, sheetNamed: labels.text(title))
    }

    /// The table as a workbook whose one sheet has `name` (as far as Excel allows sheet names).
    public func workbook(_ table: ReportTable, sheetNamed name: String) throws -> [UInt8] {
        try XLSXWriter.workbook(sheet: XLSXWriter.sheetName(name), header: table.header, rows: table.rows)
    }
}
