import MeritCore

extension ResultTables {
    /// `merit design`: for one battery of a batch, the means of the multitrait-multimethod correlations,
    /// the coverage of each competency (methods with evidence in practice against the battery's matrix and
    /// `min-methods`), and with `matrix` every correlation. An undecided figure is an empty cell.
    public static func design(
        _ diagnostics: DesignDiagnostics, battery: Battery, participants: Int, testedInstruments: Set<Int>, library: Library, matrix: Bool
    ) -> ResultTable {
        var table = ResultTable(
            columns: ["battery", "row", "kind", "competency", "instrument", "competency_2", "instrument_2", "value", "count", "note"],
            numeric: ["value", "count"])
        table.rows.append([battery.id, "participants", "", "", "", "", "", String(participants), "", ""])
        let means: [(String, Double?, Int)] = DesignDiagnostics.Kind.allCases.map { kind in
            (kind.rawValue, diagnostics.mean(kind), diagnostics.correlations.filter { diagnostics.kind(of: $0) == kind }.count)
        }
        for (kind, mean, count) in means {
            var note = count == 0 ? "no two units with \(DesignDiagnostics.minimumPairs) participants in common and spread on both" : ""
            if kind == DesignDiagnostics.Kind.sameExercise.rawValue, let same = mean, let convergent = diagnostics.convergent, same >= convergent {
                note = "exercise effect: competencies within one exercise correlate as much as one competency across exercises"
            }
            table.rows.append([battery.id, "mean", kind, "", "", "", "", figure(mean), String(count), note])
        }
        for id in battery.competencyOrder {
            guard let ref = library.competencyRef(id) else { continue }
            let onPaper = battery.measures(id)
            let tests = onPaper.filter { library.instrumentRef($0.instrument).map(testedInstruments.contains) ?? false }.count
            let inPractice = (diagnostics.coverage[ref] ?? 0) + tests
            let note = inPractice < battery.minMethods
                ? "fewer than min-methods (\(battery.minMethods)) with evidence in practice" : ""
            table.rows.append([battery.id, "coverage", "", code(ref, library), "", "", "", String(inPractice), String(onPaper.count), note])
        }
        guard matrix else { return table }
        for correlation in diagnostics.correlations {
            table.rows.append([
                battery.id, "correlation", diagnostics.kind(of: correlation).rawValue, code(correlation.first.competency, library),
                library.instrumentOrder[correlation.first.instrument], code(correlation.second.competency, library),
                library.instrumentOrder[correlation.second.instrument], figure(correlation.r), String(correlation.participants), "",
            ])
        }
        return table
    }

    private static func code(_ ref: Int, _ library: Library) -> String {
        let id = library.competencyOrder[ref]
        return library.competency(id)?.code ?? id
    }
}
