import MeritCore

extension ResultTables {
    /// `merit raters`: one row per scope of a `RaterReport`. An undecided figure is an empty cell.
    public static func raters(_ report: RaterReport, library: Library) -> ResultTable {
        var table = ResultTable(
            columns: [
                "scope", "code", "name", "design", "targets", "assessors", "pairs", "icc_2_1", "icc_1_1", "icc_3_1", "icc_2_k",
                "alpha_interval", "alpha_ordinal", "exact", "within_one", "icc_ci95_low", "icc_ci95_high", "note",
            ],
            numeric: [
                "targets", "assessors", "pairs", "icc_2_1", "icc_1_1", "icc_3_1", "icc_2_k", "alpha_interval", "alpha_ordinal", "exact",
                "within_one", "icc_ci95_low", "icc_ci95_high",
            ],
            detail: ["name", "icc_3_1", "icc_2_k"])
        for row in report.rows {
            let (scope, code, name): (String, String, String)
            switch row.scope {
            case .overall: (scope, code, name) = ("all", "", "")
            case .competency(let ref):
                let competency = library.competency(library.competencyOrder[ref])
                (scope, code, name) = ("competency", competency?.code ?? library.competencyOrder[ref], competency?.name ?? "")
            case .instrument(let ref):
                let id = library.instrumentOrder[ref]
                (scope, code, name) = ("instrument", id, library.instruments[id]?.name ?? "")
            }
            let crossed = row.design == .crossed
            var notes: [String] = []
            if row.pairs.pairs < RaterReport.smallSample { notes.append("small sample (\(row.pairs.pairs) pairs)") }
            if !crossed { notes.append("assessors rotate: ICC(2,1) and ICC(3,1) need the same assessors for every participant") }
            if row.oneWay == nil { notes.append("no ICC: fewer than two comparable participants, or no spread between them") }
            // The interval of the headline: ICC(2,1) where crossed, else ICC(1,1) of the rating slots.
            let interval = crossed ? row.twoWay?.interval(.icc2) : row.oneWay?.interval(.icc1)
            if interval == nil && (crossed ? row.twoWay : row.oneWay) != nil { notes.append("no confidence interval for these mean squares") }
            table.rows.append([
                scope, code, name, row.design.rawValue, String(row.targets), String(row.raters), String(row.pairs.pairs),
                figure(crossed ? row.twoWay?.icc2 : nil), figure(row.oneWay?.icc1), figure(crossed ? row.twoWay?.icc3 : nil),
                figure(crossed ? row.twoWay?.icc2k : nil), figure(row.alphaInterval), figure(row.alphaOrdinal), figure(row.pairs.exact),
                figure(row.pairs.withinOne), figure(interval?.lower), figure(interval?.upper), notes.joined(separator: "; "),
            ])
        }
        return table
    }

    /// `merit raters --assessors`: one row per assessor of an `AssessorQuality`.
    public static func assessors(_ quality: AssessorQuality) -> ResultTable {
        var table = ResultTable(
            columns: ["assessor", "ratings", "shared", "leniency", "sd", "spread", "halo", "halo_correlations", "note"],
            numeric: ["ratings", "shared", "leniency", "sd", "spread", "halo", "halo_correlations"], detail: ["sd", "halo_correlations"])
        for assessor in quality.assessors {
            var notes: [String] = []
            if assessor.isSmallSample { notes.append("small sample (\(assessor.sharedTargets) shared ratings)") }
            table.rows.append([
                assessor.code, String(assessor.ratings), String(assessor.sharedTargets), figure(assessor.leniency),
                figure(assessor.standardDeviation), figure(assessor.spread), figure(assessor.halo), String(assessor.haloCorrelations),
                notes.joined(separator: "; "),
            ])
        }
        return table
    }

    /// `merit raters --drift`: one row per assessor and batch they rated in, batches in the order given.
    public static func drift(_ batches: [(batch: String, quality: AssessorQuality)]) -> ResultTable {
        var table = ResultTable(
            columns: ["assessor", "batch", "ratings", "shared", "leniency", "note"], numeric: ["ratings", "shared", "leniency"])
        let byCode = batches.map { batch in Dictionary(uniqueKeysWithValues: batch.quality.assessors.map { ($0.code, $0) }) }
        for code in Set(byCode.flatMap(\.keys)).sorted() {
            for (index, batch) in batches.map(\.batch).enumerated() {
                guard let assessor = byCode[index][code] else { continue }
                table.rows.append([
                    code, batch, String(assessor.ratings), String(assessor.sharedTargets), figure(assessor.leniency),
                    assessor.isSmallSample ? "small sample (\(assessor.sharedTargets) shared ratings)" : "",
                ])
            }
        }
        return table
    }

    /// Three decimals, or empty when undecided.
    static func figure(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        let scaled = (value * 1_000).rounded()
        let sign = scaled < 0 ? "-" : ""
        let magnitude = Int(abs(scaled))
        let decimals = String(magnitude % 1_000)
        return "\(sign)\(magnitude / 1_000).\(String(repeating: "0", count: 3 - decimals.count))\(decimals)"
    }
}
