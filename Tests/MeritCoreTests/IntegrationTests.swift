@testable import MeritCore
import Testing

@Suite struct IntegrationTests {
    let library = TestLibrary.library()

    func levels(_ ratings: [(String, String, String, String)], tests: [(String, Int)] = [], agreed: [(String, Rational)] = [], battery: Battery? = nil) -> ParticipantLevels {
        let library = battery.map { TestLibrary.library(battery: $0) } ?? library
        let integrator = Integrator(library: library, battery: library.batteries["bat"]!)
        let evidence = TestLibrary.evidence(in: library, ratings: ratings, tests: tests, agreed: agreed)
        let levels = integrator.levels(evidence)
        // The path that adds ratings one at a time (scoring from stored sheets) gives the same levels.
        var withoutRatings = evidence
        withoutRatings.ratings = []
        let added = integrator.levels(withoutRatings) { cells in
            for rating in evidence.ratings {
                cells.add(competency: rating.competency, instrument: rating.instrument, value: rating.value.added)
            }
        }
        #expect(added == levels)
        return levels
    }

    @Test func ratingsAddedOneAtATimeAfterARestartCountOnce() {
        let evidence = TestLibrary.evidence(in: library, ratings: [("a", "ex1", "asr1", "3"), ("a", "ex2", "asr1", "4")])
        let integrator = Integrator(library: library, battery: library.batteries["bat"]!)
        var withoutRatings = evidence
        withoutRatings.ratings = []
        let added = integrator.levels(withoutRatings) { cells in
            cells.add(competency: library.competencyRef("a")!, instrument: library.instrumentRef("ex1")!, value: 1)
            cells.removeAll()
            for rating in evidence.ratings {
                cells.add(competency: rating.competency, instrument: rating.instrument, value: rating.value.added)
            }
            // A code the library does not have (-1) and a competency the battery does not measure are left out.
            cells.add(competency: -1, instrument: library.instrumentRef("ex1")!, value: 5)
            cells.add(competency: library.competencyRef("a")!, instrument: -1, value: 5)
        }
        #expect(added == integrator.levels(evidence))
        #expect(result(added, "a").integratedScore == Rational(7, 2))
    }

    func result(_ levels: ParticipantLevels, _ id: String) -> CompetencyLevel {
        levels.result(for: library.competencyRef(id)!)!
    }

    @Test func noEvidenceIsLeftOutNotCountedAsZero() {
        let levels = levels([("a", "ex1", "asr1", "3"), ("a", "ex1", "asr2", "NE"), ("a", "ex2", "asr1", "3")])
        let a = result(levels, "a")
        #expect(a.integratedScore == 3)
        #expect(a.computedLevel == 3)
        #expect(a.methodsWithEvidence == 2)
        #expect(a.flags == [])
    }

    @Test func instrumentWithOnlyNoEvidenceGivesNoEvidence() {
        let a = result(levels([("a", "ex1", "asr1", "NE"), ("a", "ex1", "asr2", "NE"), ("a", "ex2", "asr1", "4")]), "a")
        #expect(a.methodsWithEvidence == 1)
        #expect(a.integratedScore == 4)
        #expect(a.flags == [.provisional])
    }

    @Test func fewerMethodsThanMinimumIsProvisional() {
        let a = result(levels([("a", "ex1", "asr1", "3"), ("a", "ex1", "asr2", "3.5")]), "a")
        #expect(a.flags.contains(.provisional))
        #expect(a.integratedScore == Rational(13, 4))
        #expect(a.computedLevel == 3)
    }

    @Test func noEvidenceAtAllGivesNoLevel() {
        let c = result(levels([("a", "ex1", "asr1", "3")]), "c")
        #expect(c.level == nil)
        #expect(c.flags == [.noEvidence, .provisional])
    }

    @Test func assessorsMoreThanThresholdApartAreFlagged() {
        let wide = result(levels([("a", "ex1", "asr1", "2"), ("a", "ex1", "asr2", "4"), ("a", "ex2", "asr1", "3")]), "a")
        #expect(wide.flags == [.disagreement])
        // Exactly the threshold (1.0) apart is not more than it.
        let edge = result(levels([("a", "ex1", "asr1", "2.5"), ("a", "ex1", "asr2", "3.5"), ("a", "ex2", "asr1", "3")]), "a")
        #expect(edge.flags == [])
    }

    @Test func agreedLevelOverridesAndComputedLevelStaysVisible() {
        let a = result(
            levels([("a", "ex1", "asr1", "3"), ("a", "ex2", "asr1", "3")], agreed: [("a", 4), ("c", 2)]), "a")
        #expect(a.computedLevel == 3)
        #expect(a.agreedLevel == 4)
        #expect(a.level == 4)
        #expect(a.flags == [.agreed])
        let c = result(levels([("a", "ex1", "asr1", "3")], agreed: [("c", 2)]), "c")
        #expect(c.level == 2 && c.computedLevel == nil && c.flags.contains(.agreed))
    }

    @Test func testsContributeTheirConvertedLevel() {
        let b = result(levels([("b", "ex1", "asr1", "2"), ("b", "ex1", "asr2", "2")], tests: [("tes", 14)]), "b")
        #expect(b.integratedScore == 3)  // (2 + 4) / 2
        #expect(b.methodsWithEvidence == 2)
    }

    @Test func weightedMean() {
        let battery = TestLibrary.battery(weights: (2, 1))
        let a = result(levels([("a", "ex1", "asr1", "3"), ("a", "ex2", "asr1", "4")], battery: battery), "a")
        #expect(a.integratedScore == Rational(10, 3))
        #expect(a.computedLevel == 3)
    }

    /// The weighted mean kept unreduced equals the reduced one: with small weights, and with weights
    /// whose denominators do not fit unreduced (2^40: the reducing path takes over).
    @Test(arguments: [
        (Rational(2, 3), Rational(5, 7), Rational(197, 58)), (Rational(1), Rational(1), Rational(27, 8)),
        (Rational(1, 1 << 40), Rational(2, 1 << 40), Rational(43, 12)),
    ])
    func weightedMeanOfFractions(first: Rational, second: Rational, expected: Rational) {
        let battery = TestLibrary.battery(weights: (first, second))
        // ex1: 2.5 and 3 (mean 11/4); ex2: 4.
        let a = result(levels([("a", "ex1", "asr1", "2.5"), ("a", "ex1", "asr2", "3"), ("a", "ex2", "asr1", "4")], battery: battery), "a")
        #expect(a.integratedScore == expected)
        #expect(expected == (first * Rational(11, 4) + second * 4) / (first + second))
    }

    @Test func fractionSumOverflowIsFlagged() {
        var sum = FractionSum()
        sum.add(1, over: 3_037_000_493)
        sum.add(1, over: 3_037_000_499)
        #expect(!sum.overflowed)
        sum.add(1, over: 3_037_000_453)
        #expect(sum.overflowed)
        #expect(sum.divided(by: FractionSum()) == nil)
        var small = FractionSum()
        small.add(1, over: 2)
        small.add(1, over: 3)
        #expect(small.divided(by: FractionSum(numerator: 5, denominator: 1)) == Rational(1, 6))
        #expect(small.divided(by: FractionSum(numerator: 0, denominator: 1)) == nil)
    }

    @Test func median() {
        let battery = TestLibrary.battery(integration: .median)
        let a = result(levels([("a", "ex1", "asr1", "2"), ("a", "ex2", "asr1", "5")], battery: battery), "a")
        #expect(a.integratedScore == Rational(7, 2))
        #expect(Integrator.median([1, 5, 2]) == 2)
    }

    @Test(arguments: [
        (RoundingRule.halfUp, "2.5", "3"), (.halfUp, "2.25", "2"), (.floor, "2.75", "2"), (.floor, "3", "3"),
        (.nearestHalf, "2.74", "2.5"), (.nearestHalf, "2.75", "3"), (.nearestHalf, "2.2", "2"),
    ])
    func roundingRules(rule: RoundingRule, score: String, level: String) {
        #expect(rule.apply(Rational(decimal: score)!) == Rational(decimal: level)!)
    }

    @Test func halfUpOnTheIntegratedScore() {
        let a = result(levels([("a", "ex1", "asr1", "2"), ("a", "ex1", "asr2", "3"), ("a", "ex2", "asr1", "2.5")]), "a")
        #expect(a.integratedScore == Rational(5, 2))
        #expect(a.computedLevel == 3)
        let floor = TestLibrary.battery(rounding: .floor)
        #expect(result(levels([("a", "ex1", "asr1", "2.5"), ("a", "ex2", "asr1", "2.5")], battery: floor), "a").computedLevel == 2)
        let half = TestLibrary.battery(rounding: .nearestHalf)
        #expect(result(levels([("a", "ex1", "asr1", "2.5"), ("a", "ex2", "asr1", "2.5")], battery: half), "a").computedLevel == Rational(5, 2))
    }

    @Test func explanationShowsEveryRatingAndRule() throws {
        let integrator = Integrator(library: library, battery: library.batteries["bat"]!)
        let evidence = TestLibrary.evidence(
            in: library, ratings: [("b", "ex1", "asr1", "2"), ("b", "ex1", "asr2", "NE"), ("b", "ex1", "asr3", "3")],
            tests: [("tes", 10)], agreed: [("b", 4)])
        let working = try #require(integrator.explain(evidence, competency: library.competencyRef("b")!))
        #expect(working.competency == "b")
        #expect(working.instruments.map(\.instrument) == ["ex1", "tes"])
        #expect(working.instruments[0].ratings.map(\.value) == [.score(2), .noEvidence, .score(3)])
        #expect(working.instruments[0].mean == Rational(5, 2))
        #expect(working.instruments[0].spread == 1)
        #expect(working.instruments[1].rawScore == 10 && working.instruments[1].convertedLevel == 3)
        #expect(working.result.integratedScore == Rational(11, 4))
        #expect(working.result.computedLevel == 3 && working.result.level == 4)
        #expect(working.agreedNote == "rapat integrasi")
        #expect(working.integration == .weightedMean && working.rounding == .halfUp)
    }
}

extension RatingValue {
    /// The value as `Integrator.Cells.add` takes it: nil for NE.
    fileprivate var added: Rational? {
        if case .score(let value) = self { return value }
        return nil
    }
}
