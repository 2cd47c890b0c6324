import MeritCore

/// The working of a plan, in the report's words: how each level came about (every instrument's ratings,
/// mean and weight, the weighted score or median, the rounding rule and the level, or the agreed level and
/// what it replaced), how the JPM was summed, and whether the result is complete.
struct PlanWorking {
    let library: Library
    let format: ReportFormat

    /// One line per instrument with evidence, then the integration (or the agreement that replaced it).
    func competency(_ working: LevelWorking?, result: CompetencyLevel?) -> (instruments: [PlanDocument.EvidenceLine], summary: String) {
        guard let working, let result else { return ([], format.text("working_none")) }
        var lines: [PlanDocument.EvidenceLine] = []
        var terms: [(weight: Rational, mean: Rational)] = []
        for instrument in working.instruments {
            let name = library.instruments[instrument.instrument]?.name ?? instrument.instrument
            let given: String
            if let raw = instrument.rawScore {
                given = format.text("converted", ["raw": format.level(raw), "level": instrument.convertedLevel.map(String.init) ?? format.text("nobody")])
            } else if !instrument.ratings.isEmpty {
                given = instrument.ratings.map { "\($0.assessor) \(value($0.value))" }.joined(separator: ", ")
            } else {
                continue
            }
            guard let mean = instrument.mean else {
                lines.append(PlanDocument.EvidenceLine(instrument: name, detail: given + " → " + format.text("flag_no_evidence")))
                continue
            }
            terms.append((instrument.weight, mean))
            if instrument.rawScore != nil {
                lines.append(PlanDocument.EvidenceLine(instrument: name, detail: format.text("working_test", ["converted": given, "weight": format.level(instrument.weight)])))
                continue
            }
            lines.append(
                PlanDocument.EvidenceLine(
                    instrument: name,
                    detail: format.text(
                        "working_instrument", ["ratings": given, "mean": format.decimal(mean, places: 2), "weight": format.level(instrument.weight)])))
        }
        if let agreed = result.agreedLevel {
            return (lines, format.text("working_agreed", ["agreed": format.level(agreed), "computed": format.level(result.computedLevel)]))
        }
        guard let score = result.integratedScore, let level = result.computedLevel else { return (lines, format.text("working_none")) }
        let rounding = format.text("rounding_" + working.rounding.rawValue.replacingHyphens)
        switch working.integration {
        case .weightedMean:
            let sum = terms.map { "\(format.level($0.weight)) × \(format.decimal($0.mean, places: 2))" }.joined(separator: " + ")
            let weights = terms.reduce(Rational.zero) { $0 + $1.weight }
            return (
                lines,
                format.text(
                    "working_weighted",
                    ["terms": sum, "weights": format.level(weights), "score": format.decimal(score, places: 3), "rounding": rounding, "level": format.level(level)])
            )
        case .median:
            return (
                lines,
                format.text(
                    "working_median",
                    [
                        "values": terms.map { format.decimal($0.mean, places: 2) }.joined(separator: ", "), "score": format.decimal(score, places: 3),
                        "rounding": rounding, "level": format.level(level),
                    ])
            )
        }
    }

    /// The JPM's sum and rules: `Σ level 24 ÷ Σ standar 27 × 100 = 88,89% (tanpa batas atas)`.
    func jpm(_ match: PositionMatch) -> String {
        let jpm = match.jpm
        var formula: String
        switch jpm.settings.aggregation {
        case .sumRatio:
            formula = format.text("aggregation_sum_ratio", ["achieved": format.level(jpm.achieved), "required": format.level(jpm.required)])
        case .meanOfRatios:
            formula = format.text("aggregation_mean_of_ratios", ["count": String(jpm.covered)])
            if let places = jpm.settings.ratioDecimals { formula += format.text("ratio_rounding", ["places": String(places)]) }
        }
        if let places = jpm.settings.percentDecimals { formula += format.text("percent_rounding", ["places": String(places)]) }
        let cap = format.text("cap_" + jpm.settings.cap.rawValue.replacingHyphens)
        let weights = jpm.settings.groupWeights.isEmpty
            ? ""
            : format.text(
                "group_weights",
                ["weights": jpm.settings.groupWeights.map { "\($0.groups.map(\.rawValue).joined(separator: "+")) \(format.level($0.weight))" }.joined(separator: ", ")])
        return format.text("jpm_working", ["formula": formula, "jpm": jpm.formatted(decimalSeparator: format.decimalSeparator), "cap": cap, "weights": weights])
    }

    /// Whether every competency of the standard has a level, and if not which lack one.
    func completeness(_ match: PositionMatch) -> String {
        switch match.completeness {
        case .complete:
            return format.text("completeness_complete", ["covered": String(match.jpm.covered), "total": String(match.jpm.of)])
        case .incomplete(let missing):
            return format.text("completeness_incomplete", ["missing": names(missing)])
        case .notAssessable:
            return format.text("completeness_not_assessable")
        }
    }

    /// `5 dari 11 kompetensi di bawah standar`.
    func belowCount(_ match: PositionMatch) -> String {
        format.text("below_count", ["below": String(match.gaps.count { $0.isBelowStandard }), "total": String(match.gaps.count)])
    }

    /// Competencies by name and code: `Integritas (M.01), Komunikasi (M.03)`.
    func names(_ refs: [Int]) -> String {
        refs.map { ref in
            let id = library.competencyOrder[ref]
            return library.competency(id).map { "\($0.name) (\($0.code))" } ?? id
        }.joined(separator: ", ")
    }

    private func value(_ rating: RatingValue) -> String {
        switch rating {
        case .score(let score): format.level(score)
        case .noEvidence: "NE"
        }
    }
}

extension String {
    /// `half-up` → `half_up`, as label keys are spelt.
    var replacingHyphens: String { String(map { $0 == "-" ? "_" : $0 }) }

}
