import MeritCore

extension ResultTables {
    /// `merit fairness`: one row per outcome × grouping × group; a withheld group's figures are empty.
    public static func fairness(_ audit: FairnessAudit, library: Library) -> ResultTable {
        var table = ResultTable(
            columns: ["outcome", "grouping", "group", "people", "with_outcome", "rate", "impact_ratio", "flag", "fisher_p", "note"],
            numeric: ["people", "with_outcome", "rate", "impact_ratio", "fisher_p"])
        for row in audit.rows {
            let group = row.grouping == .jobLevel ? (library.jobLevels[row.group]?.name ?? row.group) : row.group
            let note = row.people == nil ? "fewer than \(audit.minimumGroupSize) people: withheld" : ""
            table.rows.append([
                row.outcome.rawValue, row.grouping.rawValue, group, row.people.map(String.init) ?? "", row.withOutcome.map(String.init) ?? "",
                figure(row.rate), figure(row.impactRatio), row.isFlagged ? "below \(library.scoring.fairness.impactRatio)" : "",
                row.fisherP.map { $0 < 0.001 ? "<0.001" : figure($0) } ?? "", note,
            ])
        }
        return table
    }

    /// What the audit's figures can and cannot show, said with them.
    public static let fairnessCaveat = """
        Rates are the share of each group's decided results with the outcome; the impact ratio is a group's rate over the highest group's, flagged under the scoring's impact-ratio (the four-fifths rule). A flag or a small p-value (Fisher's exact test of the group against everyone else) is a question to look into, not proof of bias: groups differ in position, job level and experience, a small group's rate moves with one person, and many comparisons at once turn some up by chance. Sex and age are read from the NIP; groups under the minimum size are withheld.
        """
}
