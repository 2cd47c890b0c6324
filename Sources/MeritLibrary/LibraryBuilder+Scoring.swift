import MeritCore
import MeritYAML

extension LibraryBuilder {
    mutating func buildScoring() {
        guard let file = documents.scoring.first else {
            error(.file(root), "no 'kind: scoring' document: JPM, categories and the 9-box need one")
            return
        }
        for extra in documents.scoring.dropFirst() {
            error(extra.id.mark, "a second scoring document '\(extra.id.value)' (the first is '\(file.id.value)' at \(file.id.mark)); keep one")
        }
        _ = register(file.id, as: "scoring")

        var jpm = JPMSettings()
        if let settings = file.jpm {
            jpm.aggregation = choice(settings.aggregation, default: JPMAggregation.sumRatio, what: "JPM aggregation")
            jpm.cap = choice(settings.cap, default: JPMCap.none, what: "JPM cap")
            jpm.decimals = settings.decimals ?? 2
            for (decimals, name) in [(settings.ratioDecimals, "ratio-decimals"), (settings.percentDecimals, "percent-decimals")] {
                if let decimals, !(0...6).contains(decimals.value) { error(decimals.mark, "\(name) must be 0 to 6, found \(decimals.value)") }
            }
            jpm.ratioDecimals = settings.ratioDecimals?.value
            jpm.percentDecimals = settings.percentDecimals?.value
            if let ratio = settings.ratioDecimals, jpm.aggregation != .meanOfRatios {
                error(ratio.mark, "ratio-decimals rounds each level ÷ standard of 'mean-of-ratios'; the aggregation here is '\(jpm.aggregation.rawValue)'")
            }
            var seen: Set<CompetencyGroup> = []
            for weight in settings.groupWeights ?? [] {
                var groups: [CompetencyGroup] = []
                for name in weight.groups {
                    let group = choice(name, default: CompetencyGroup.teknis, what: "competency group")
                    if !seen.insert(group).inserted { error(name.mark, "group '\(name.value)' has two weights") }
                    groups.append(group)
                }
                if weight.weight.number <= 0 { error(weight.weight.mark, "group weight must be above 0, found \(weight.weight.number)") }
                jpm.groupWeights.append(GroupWeight(groups: groups, weight: weight.weight.number))
            }
        }

        var sets: [CategorySet] = []
        for entry in file.categories.entries {
            let bands = scoreBands(entry.value.bands, what: "category set '\(entry.key)'")
            sets.append(
                CategorySet(id: entry.key, label: entry.value.label, bands: bands))
        }
        if let cap = file.criticalGapCaps {
            let selection = sets.first { $0.id == "selection" }
            if selection?.bands.contains(where: { $0.id == cap.value }) != true {
                error(cap.mark, "critical-gap-caps-selection-at names '\(cap.value)', not a band of the 'selection' category set")
            }
        }

        let nineBox = nineBoxSettings(file.nineBox, categorySets: sets)
        var partial = false
        if let setting = file.partialResults {
            switch setting.value {
            case "refused": partial = false
            case "allowed": partial = true
            default: error(setting.mark, "partial-results is 'refused' (the default) or 'allowed', found '\(setting.value)'")
            }
        }
        if let size = file.minimumGroupSize, size.value < SmallCounts.floor {
            error(
                size.mark,
                "minimum-group-size must be at least \(SmallCounts.floor), found \(size.value): in smaller groups people learn each other's results (UU 27/2022 PDP)")
        }
        scoring = ScoringSettings(
            id: file.id.value, jpm: jpm, categorySets: sets, criticalGapCap: file.criticalGapCaps?.value, nineBox: nineBox,
            validityYears: file.validityYears ?? 3, minimumJPPerYear: file.minimumJPPerYear ?? 20,
            minimumGroupSize: max(SmallCounts.floor, file.minimumGroupSize?.value ?? 5), allowsPartialResults: partial,
            fairness: fairnessSettings(file.fairness))
    }

    private mutating func fairnessSettings(_ file: ScoringFile.Fairness?) -> FairnessSettings {
        var settings = FairnessSettings()
        guard let file else { return settings }
        if let bands = file.ageBands {
            let ages = bands.value.map(\.value)
            for (previous, next) in zip(bands.value, bands.value.dropFirst()) where next.value <= previous.value {
                error(next.mark, "age bands ascend: \(next.value) does not come after \(previous.value)")
            }
            for age in bands.value where !(15...80).contains(age.value) { error(age.mark, "age \(age.value) is not a civil servant's age (15–80)") }
            settings.ageBands = ages
        }
        if let ratio = file.impactRatio {
            if ratio.number <= 0 || ratio.number >= 1 { error(ratio.mark, "impact-ratio is a share between 0 and 1 (0.8 for the four-fifths rule), found \(ratio.number)") }
            settings.impactRatio = ratio.number
        }
        if let boxes = file.topBoxes {
            for box in boxes.value where !(1...9).contains(box.value) { error(box.mark, "top-boxes are 9-box numbers 1–9, found \(box.value)") }
            settings.topBoxes = boxes.value.map(\.value)
        }
        return settings
    }

    /// Bands from highest to lowest: minimums strictly descending, only the last one may have none.
    private mutating func scoreBands(_ list: Located<[Located<ScoringFile.Band>]>, what: String) -> [ScoreBand] {
        var bands: [ScoreBand] = []
        var ids: Set<String> = []
        for (index, band) in list.value.enumerated() {
            if !ids.insert(band.value.id.value).inserted {
                error(band.value.id.mark, "band '\(band.value.id.value)' appears twice in \(what)")
            }
            let minimum = band.value.min?.number
            // Bands without any minimum are categorical (performance from a predikat); otherwise only the
            // lowest band may leave its minimum out.
            let categorical = list.value.allSatisfy { $0.value.min == nil }
            if minimum == nil && index < list.value.count - 1 && !categorical {
                error(band.mark, "band '\(band.value.id.value)' of \(what) has no min; only the lowest band may leave it out")
            }
            if let minimum, let previous = bands.last?.minimum, minimum >= previous {
                error(
                    band.value.min!.mark,
                    "thresholds of \(what) must descend: '\(band.value.id.value)' starts at \(minimum), not below '\(bands.last!.id)' at \(previous)")
            }
            bands.append(ScoreBand(id: band.value.id.value, label: band.value.label, minimum: minimum))
        }
        if bands.isEmpty { error(list.mark, "\(what) has no bands") }
        return bands
    }

    private mutating func nineBoxSettings(_ file: ScoringFile.NineBox, categorySets: [CategorySet]) -> NineBoxSettings {
        let potential = scoreBands(file.potential, what: "nine-box potential")
        let performance = scoreBands(file.performance, what: "nine-box performance")
        let source = file.potentialSource?.value ?? "mapping"
        if let declared = file.potentialSource, !categorySets.contains(where: { $0.id == declared.value }) {
            error(declared.mark, "potential-source '\(declared.value)' is not a category set (\(categorySets.map(\.id).joined(separator: ", ")))")
        }
        var predikat: [String: String] = [:]
        // A profile's predikat is matched without regard to case or the spaces at its ends (as the importer
        // reads it), so two keys that differ only there would leave the box to whichever came first.
        var spelled: [String: OrderedMapping<Located<String>>.Entry] = [:]
        for entry in file.predikat.entries {
            let key = entry.key
            if key.isEmpty || key.first!.isWhitespace || key.last!.isWhitespace {
                error(entry.keyMark, "predikat '\(entry.key)' has spaces at its ends or is empty; write it as profiles spell it, without them")
                continue
            }
            if let first = spelled[key.lowercased()] {
                error(entry.keyMark, "predikat '\(entry.key)' differs from '\(first.key)' (at \(first.keyMark)) only in case; profiles' predikat are matched without regard to case, so give it once")
                continue
            }
            spelled[key.lowercased()] = entry
            if performance.contains(where: { $0.id == entry.value.value }) {
                predikat[entry.key] = entry.value.value
            } else {
                error(entry.value.mark, "predikat '\(entry.key)' maps to '\(entry.value.value)', not a performance band")
            }
        }
        var labels: [Int: ScoringFile.Box] = [:]
        for entry in file.boxes.entries {
            guard let number = Int(entry.key) else {
                error(entry.keyMark, "box '\(entry.key)' is not a box number")
                continue
            }
            labels[number] = entry.value
        }
        var boxes: [TalentBox] = []
        var numbers: [(Int, SourceMark)] = []
        for row in file.numbering.value.entries {
            guard potential.contains(where: { $0.id == row.key }) else {
                error(row.keyMark, "numbering row '\(row.key)' is not a potential band")
                continue
            }
            for cell in row.value.entries {
                guard performance.contains(where: { $0.id == cell.key }) else {
                    error(cell.keyMark, "numbering column '\(cell.key)' is not a performance band")
                    continue
                }
                numbers.append((cell.value.value, cell.value.mark))
                let label = labels[cell.value.value]
                boxes.append(
                    TalentBox(
                        number: cell.value.value, potential: row.key, performance: cell.key, label: label?.label ?? "Kotak \(cell.value.value)",
                        actions: label?.actions ?? []))
            }
        }
        let expected = potential.count * performance.count
        let sorted = numbers.map(\.0).sorted()
        if sorted != Array(1...max(expected, 1)) || numbers.count != expected {
            error(
                file.numbering.mark,
                "the 9-box numbering must give each of the \(expected) boxes one of the numbers 1–\(expected) exactly once; found \(numbers.map { String($0.0) }.joined(separator: ", "))")
        }
        for number in Set(sorted) where labels[number] == nil {
            error(file.numbering.mark, "box \(number) has no label and actions under 'boxes'")
        }
        return NineBoxSettings(
            potentialSource: source, potentialBands: potential, performanceBands: performance, predikat: predikat,
            boxes: boxes.sorted { $0.number < $1.number })
    }
}
