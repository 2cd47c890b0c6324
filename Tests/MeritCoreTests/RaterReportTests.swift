import MeritCore
import Testing

/// `RaterReport`: which ICC a design allows, and the scopes of a batch.
@Suite struct RaterReportTests {
    /// Participants from a fixture's rows, all of one competency and instrument (refs 0 and 0).
    static func participants(_ name: String, competency: Int = 0, instrument: Int = 0) throws -> [(nip: String, ratings: [Rating])] {
        let table = try RaterAgreementTests.table(name)
        return table.targets.enumerated().map { index, target in
            let ratings = table.raters.enumerated().compactMap { column, rater -> Rating? in
                table.values[index][column].map {
                    Rating(competency: competency, instrument: instrument, assessor: rater, value: .score(Rational(Int($0 * 2), 2)))
                }
            }
            return (target, ratings)
        }
    }

    /// Everyone rated by the same assessors: ICC(2,1) as the two-way ANOVA gives it.
    @Test func aCrossedDesignHasItsTwoWayICC() throws {
        let report = RaterReport(try Self.participants("half-points.csv"))
        let overall = try #require(report.rows.first)
        #expect(overall.scope == .overall && overall.design == .crossed && overall.targets == 12 && overall.raters == 3)
        let expected = try #require(RaterAgreementTests.expected["half-points.csv"])
        #expect(abs(try #require(overall.twoWay).icc2 - expected["ICC2"]!) < 1e-9)
        #expect(abs(try #require(overall.oneWay).icc1 - expected["ICC1"]!) < 1e-9)
        #expect(abs(try #require(overall.alphaInterval) - expected["alpha_interval"]!) < 1e-9)
        #expect(overall.pairs.pairs == 36)
    }

    /// Rotating pairs: no two-way ICC; ICC(1,1) over the rating slots of the targets rated twice (as
    /// pingouin computes it on the same slots); NE is no rating.
    @Test func rotatingAssessorsGetTheOneWayICCOnly() throws {
        let report = RaterReport(try Self.participants("incomplete.csv"))
        let overall = try #require(report.rows.first)
        #expect(overall.design == .rotating && overall.twoWay == nil)
        let expected = try #require(RaterAgreementTests.expected["incomplete.csv"])
        #expect(abs(try #require(overall.oneWay).icc1 - expected["ICC1_slots"]!) < 1e-9)
        // Its interval, as pingouin gives it for the slot table; the two-way forms have none.
        let oneWay = try #require(overall.oneWay)
        let interval = try #require(oneWay.interval(.icc1))
        let want = try #require(RaterAgreementTests.intervals["incomplete.csv"]?["ICC1_slots_ci95"])
        #expect(abs(interval.lower - want[0]) < 1e-9 && abs(interval.upper - want[1]) < 1e-9)
        #expect(oneWay.interval(.icc2) == nil && oneWay.interval(.icc3) == nil)
        #expect(abs(try #require(overall.alphaOrdinal) - expected["alpha_ordinal"]!) < 1e-9)
        // p08's NE leaves one rating; p07 had one: twelve targets with a rating, twelve pairs.
        #expect(overall.targets == 12 && overall.pairs.pairs == 12)
    }

    /// Overall, then each competency, then each instrument, each over its own targets.
    @Test func scopesSplitTheBatch() throws {
        let first = try Self.participants("half-points.csv", competency: 2, instrument: 1)
        let second = try Self.participants("negative.csv", competency: 5, instrument: 1)
        let report = RaterReport(first + second)
        #expect(report.rows.map(\.scope) == [.overall, .competency(2), .competency(5), .instrument(1)])
        #expect(report.rows.map(\.targets) == [20, 12, 8, 20])
        // The negative fixture alone, through its competency's row.
        let negative = try #require(RaterAgreementTests.expected["negative.csv"])
        #expect(abs(try #require(report.rows[2].twoWay).icc2 - negative["ICC2"]!) < 1e-9)
        #expect(report.rows[2].twoWay!.icc2 < 0)
        // Different assessors between the two competencies: the whole batch is not crossed.
        #expect(report.rows[0].design == .rotating && report.rows[3].design == .rotating)
    }

    @Test func anEmptyBatchHasNoFigures() {
        let report = RaterReport([("199001012015011001", [])])
        #expect(report.rows.count == 1)
        #expect(report.rows[0].oneWay == nil && report.rows[0].alphaInterval == nil && report.rows[0].pairs.pairs == 0)
    }
}
