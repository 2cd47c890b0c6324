import MeritCore
import Testing

/// Properties of JPM over 2,000 random standards and level sets per setting.
@Suite struct JPMPropertyTests {
    static let settings: [JPMSettings] = JPMAggregation.allCases.flatMap { aggregation in
        JPMCap.allCases.flatMap { cap in
            [
                JPMSettings(aggregation: aggregation, cap: cap),
                JPMSettings(
                    aggregation: aggregation, cap: cap,
                    groupWeights: [GroupWeight(groups: [.teknis], weight: 40), GroupWeight(groups: [.manajerial, .sosialKultural], weight: 60)]),
            ]
        }
    }

    /// A random standard of 3–12 competencies (required 1–5) with levels 1–5 in half steps.
    static func randomCase(_ generator: inout SeededGenerator) -> [CompetencyGap] {
        let groups: [CompetencyGroup] = [.manajerial, .sosialKultural, .teknis]
        return (0..<Int.random(in: 3...12, using: &generator)).map { index in
            CompetencyGap(
                competency: index, group: groups.randomElement(using: &generator)!, required: Int.random(in: 1...5, using: &generator),
                level: Rational(Int.random(in: 2...10, using: &generator), 2), isCritical: false)
        }
    }

    @Test(arguments: settings)
    func levelsAtTheStandardGiveExactly100(settings: JPMSettings) {
        var generator = SeededGenerator(seed: 1)
        for _ in 0..<2_000 {
            let gaps = Self.randomCase(&generator).map { gap in
                var exact = gap
                exact.level = Rational(gap.required)
                return exact
            }
            #expect(JobPersonMatch.compute(gaps, settings: settings).value == 100)
        }
    }

    @Test(arguments: settings)
    func raisingOneLevelNeverLowersJPM(settings: JPMSettings) {
        var generator = SeededGenerator(seed: 2)
        for _ in 0..<2_000 {
            let gaps = Self.randomCase(&generator)
            var raised = gaps
            let index = Int.random(in: 0..<gaps.count, using: &generator)
            raised[index].level = raised[index].level! + Rational(Int.random(in: 1...4, using: &generator), 2)
            let before = JobPersonMatch.compute(gaps, settings: settings).value
            let after = JobPersonMatch.compute(raised, settings: settings).value
            #expect(after >= before, "raising \(index) lowered JPM from \(before) to \(after)")
        }
    }

    @Test(arguments: JPMAggregation.allCases)
    func cappedNeverExceedsUncapped(aggregation: JPMAggregation) {
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<2_000 {
            let gaps = Self.randomCase(&generator)
            let uncapped = JobPersonMatch.compute(gaps, settings: JPMSettings(aggregation: aggregation, cap: .none)).value
            for cap in [JPMCap.perCompetency, .final100] {
                let capped = JobPersonMatch.compute(gaps, settings: JPMSettings(aggregation: aggregation, cap: cap)).value
                #expect(capped <= uncapped)
                #expect(capped <= 100, "a capped JPM above 100: \(capped)")
            }
        }
    }

    @Test func categoriesAreMonotoneInJPM() {
        var generator = SeededGenerator(seed: 4)
        for set in [TestLibrary.selection, TestLibrary.mapping] {
            let rank = { (value: Rational) in set.bands.firstIndex { $0.id == set.band(for: value).id }! }
            for _ in 0..<5_000 {
                let a = Rational(Int.random(in: 0...15_000, using: &generator), 100)
                let b = Rational(Int.random(in: 0...15_000, using: &generator), 100)
                let (low, high) = a <= b ? (a, b) : (b, a)
                #expect(rank(high) <= rank(low), "\(high) ranks below \(low) in \(set.id)")
            }
        }
    }
}
