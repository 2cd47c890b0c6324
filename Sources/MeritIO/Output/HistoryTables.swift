import MeritCore

extension ResultTables {
    /// `merit history NIP`: one row per assessment, oldest first; a column per competency any of them has.
    public static func history(_ assessments: [Assessment], library: Library) -> ResultTable {
        let refs = Set(assessments.flatMap(\.levels.keys)).sorted()
        let codes = refs.map { library.competency(library.competencyOrder[$0])?.code ?? library.competencyOrder[$0] }
        var table = ResultTable(
            columns: ["batch", "assessed_on", "position", "jpm", "selection", "mapping", "box"] + codes,
            numeric: Set(["jpm", "box"] + codes), decimal: ["jpm"])
        let places = library.scoring.jpm.decimals
        for assessment in assessments {
            table.rows.append([
                assessment.batch, assessment.assessedOn?.description ?? "", assessment.position ?? "",
                assessment.jpm?.formatted(places: places) ?? "", assessment.selection ?? "", assessment.mapping ?? "",
                assessment.box.map(String.init) ?? "",
            ] + refs.map { assessment.levels[$0]?.description ?? "" })
        }
        return table
    }

    /// `merit movement`: from box (rows) × to box (columns), "none" for no box, with totals.
    public static func movement(_ movement: BoxMovement) -> ResultTable {
        let labels = ["none"] + (1...9).map(String.init)
        var table = ResultTable(columns: ["from_box"] + labels.map { "to_\($0)" } + ["total"], numeric: Set(labels.map { "to_\($0)" } + ["total"]))
        for (index, label) in labels.enumerated() {
            let row = movement.counts[index]
            table.rows.append([label] + row.map(String.init) + [String(row.reduce(0, +))])
        }
        let columns = (0..<10).map { column in movement.counts.reduce(0) { $0 + $1[column] } }
        table.rows.append(["total"] + columns.map(String.init) + [String(movement.both)])
        return table
    }

    /// `merit movement --names`: who moved two or more boxes (HR's list).
    public static func movers(_ movement: BoxMovement, profiles: [String: PersonProfile]) -> ResultTable {
        var table = ResultTable(columns: ["nip", "name", "from_box", "to_box", "steps"], numeric: ["from_box", "to_box", "steps"])
        for mover in movement.movers {
            table.rows.append([mover.nip, profiles[mover.nip]?.name ?? "", String(mover.from), String(mover.to), String(mover.steps)])
        }
        return table
    }

    /// `merit movement --competencies`: each competency's level changes between the two periods.
    public static func competencyChanges(_ movement: BoxMovement, library: Library) -> ResultTable {
        var table = ResultTable(
            columns: ["competency", "name", "people", "up", "same", "down", "mean_change"], numeric: ["people", "up", "same", "down", "mean_change"])
        for change in movement.competencies {
            let competency = library.competency(library.competencyOrder[change.competency])
            table.rows.append([
                competency?.code ?? library.competencyOrder[change.competency], competency?.name ?? "", String(change.people), String(change.up),
                String(change.same), String(change.down), change.meanChange.formatted(places: 2),
            ])
        }
        return table
    }

    /// `merit rollup`: one row per group with its people and box counts; withheld cells show `<N`.
    public static func rollup(_ rollup: BoxRollup) -> ResultTable {
        let boxes = (1...9).map { "box_\($0)" } + ["no_box"]
        var table = ResultTable(columns: [rollup.grouping.rawValue, "people"] + boxes, numeric: Set(["people"] + boxes))
        for group in rollup.groups {
            let cells = (Array(group.counts[1...]) + [group.counts[0]]).map { $0.map(String.init) ?? "<\(rollup.minimumGroupSize)" }
            table.rows.append([rollup.grouping == .agency ? "all" : group.key, String(group.people)] + cells)
        }
        if rollup.withheldGroups > 0 {
            table.rows.append(
                ["withheld: \(rollup.withheldGroups) group\(rollup.withheldGroups == 1 ? "" : "s") under \(rollup.minimumGroupSize)", String(rollup.withheldPeople)]
                    + Array(repeating: "", count: boxes.count))
        }
        return table
    }
}
